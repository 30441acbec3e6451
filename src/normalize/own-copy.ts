/**
 * A copy of a string that does not share memory with the text it was cut from. V8 keeps a
 * substring of a long string as a slice that pins the whole parent: a measure's text cut from a
 * 16 MB input would keep all of it alive for as long as the model lives. Concatenating makes a new
 * string, and slicing that one leaves at most the copy itself behind.
 */
export function ownCopy(text: string): string {
  return text.length === 0 ? text : (' ' + text).slice(1);
}
