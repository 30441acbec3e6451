import { simplify } from './script.js';

/**
 * Common Chinese surnames, in Simplified script, less those that as often start a word of a task
 * table (全年, 安全, 高质量, 党建, 文明, 常态化 …). A name in a
 * 分管领导 / 责任领导 column starts with one of them; a department or a task title rarely is two or
 * three characters starting with one and ending unlike a body.
 */
const SURNAMES = new Set(
  [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱覃武戴莫孔汤施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞左柳甘祝舒阮柯纪梅童凌裴霍涂翁冉骆蓝辛靳柴蒙鲍喻祁蒲滕屈饶牟艾尤穆卓吉缪芦麦褚娄窦戚岑晏席柏瞿桂佟臧闵苟邬卞姬仇栾隋刁寇桑郎甄丛仲虞敖巩佘苑迟邝'],
);

/** Compound surnames, for four-character names (欧阳明华). */
const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '钟离', '端木'];

/** Endings of bodies and of task words that a two- or three-character name does not have. */
const NOT_A_NAME = /(部|办|局|处|室|委|会|院|厅|所|队|科|组|司|府|校|社|行|馆|团|镇|乡|村|区|县|市|省|站|台|中心|公司|街道|单位|部门|工作|建设|管理|服务|任务|措施|要求|情况)$/;

/** True for a person's name as tables write it: a common surname and one or two more characters (欧阳 and two). */
export function isPersonName(name: string): boolean {
  const text = simplify(name.replace(/\s+/g, ''));
  if (!/^\p{Script=Han}{2,4}$/u.test(text) || NOT_A_NAME.test(text)) return false;
  if (text.length === 4) return COMPOUND.some((surname) => text.startsWith(surname));
  return SURNAMES.has(text[0] as string);
}

/** True for a list of people's names (徐国江 / 张三、李四 / 刘福利 王强), as a 领导 column holds. */
export function isPersonList(text: string): boolean {
  const names = text.split(/[、，,；;\s/]+/).filter((name) => name !== '');
  return names.length > 0 && names.length <= 6 && names.every(isPersonName);
}
