export { isCjk, collapseWhitespace, normalizeWhitespace, normalizeParagraphs } from './whitespace.js';
export { splitMarker, chineseNumeralValue, markerKind } from './markers.js';
export type { Marker, MarkerKind } from './markers.js';
export { splitDepartments, toFullWidthBrackets } from './departments.js';
export { readResponsibility, type Responsibility } from './responsibility.js';
export { parseDeadline } from './deadlines.js';
