import { describe, expect, it } from 'vitest';
import { HEADER_SYNONYMS, roleOfHeader, withSynonyms } from '../../src/model/roles.js';

describe('roleOfHeader', () => {
  it.each(HEADER_SYNONYMS.flatMap(([role, headers]) => headers.map((header) => [header, role] as const)))('%s → %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });

  it.each([
    ['责 任 部 门', 'departments'],
    ['责任单位（部门）', 'departments'],
    ['完成时限(时间节点)', 'deadline'],
    ['主要工作任务', 'task'],
    // Two synonyms as long: the header's head noun, at its end (fixtures/real/wujiang).
    ['重点工作目标任务', 'task'],
    // Units that lead, whatever else the header says of them (fixtures/real/zhongshan-jxj).
    ['牵头落实科室', 'lead'],
    ['具体工作措施', 'measure'],
    ['责任单位及责任人', 'departments'],
    ['完成时限要求', 'deadline'],
    ['序号/编号', 'serial'],
    ['主要协作单位', 'support'],
    ['牵头县领导', 'leader'],
    ['责任领导及责任单位', 'departments'],
    ['牵头部门和分管领导', 'lead'],
    ['领导小组成员单位', 'other'],
    ['包保市领导', 'leader'],
    ['协作单位（部门）', 'support'],
    ['工作目标', 'other'],
    ['联系电话', 'other'],
    ['', 'other'],
    ['落实党中央关于政务公开工作部署的具体措施', 'other'],
    // Pinyin glosses a copying site adds after characters are not part of the label.
    ['重點(diǎn)工作任務(wù)', 'task'],
    ['牽頭責(zé)任單位', 'lead'],
    ['序號(hào)', 'serial'],
    ['完成时限(月)', 'deadline'],
  ] as const)('%s → %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });
});

describe('withSynonyms', () => {
  it('knows the extra synonyms first, then the built-in ones', () => {
    const roleOf = withSynonyms({ 工作举措: 'task', '主 责 单 位': 'lead' });
    expect([roleOf('工作举措'), roleOf('主责单位'), roleOf('具体措施'), roleOf('电话')]).toEqual(['task', 'lead', 'measure', 'other']);
  });
});

describe('headers of web copies (#13)', () => {
  it.each([
    ['重點任務', 'task'],
    ['工作內容', 'measure'],
    ['負責科室', 'departments'],
    ['牽頭單位', 'lead'],
    ['責任單位', 'departments'],
    ['完成時限', 'deadline'],
    ['工作要求', 'measure'],
    ['目标任务', 'task'],
    ['主要措施', 'measure'],
    ['责任领导', 'leader'],
    ['推进措施', 'measure'],
    ['进度要求', 'deadline'],
    ['2022年度任务目标', 'measure'],
    ['2023年责任单位', 'departments'],
    ['2024年重点任务分解表', 'other'],
    ['2024年工作任务清单', 'other'],
    ['责任主体与协同单位', 'support'],
    ['责任单位及配合单位', 'support'],
  ] as const)('%s is %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });
});
