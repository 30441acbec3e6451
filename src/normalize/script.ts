/**
 * Traditional characters that occur in task tables' headers, role phrases, markers, deadlines and
 * the names of bodies, each followed by its Simplified form. Matching only: fenjie keeps the text
 * as written and compares `simplify(text)` against its Simplified vocabulary, so a table copied from
 * a Traditional-script page (重點任務, 負責科室, 牽頭單位, 完成時限) is understood like any other.
 */
const PAIRS =
  '點点務务內内負负責责牽牵頭头單单位位時时限限內内協协辦办會会關关門门門门機机構构' +
  '處处廳厅廳厅區区縣县鄉乡鎮镇級级屬属導导領领與与並并於于為为進进達达實实現现' +
  '體体製制規规劃划劃划據据範范圍围開开發发場场報报紙纸電电訊讯網网絡络資资訊讯' +
  '項项簡简稱称號号們们對对應应從从產产業业經经濟济稅税財财務务審审計计監监督督' +
  '組组織织編编號号數数據据統统計计況况確确認认證证據据標标準准檢检測测質质量量' +
  '設设備备環环境境護护衛卫療疗醫医藥药農农林林漁渔畜畜牧牧興兴貿贸易易運运輸输' +
  '郵邮政政黨党黨党員员會会議议紀纪檢检幹干部部辦办公公廳厅室室縣县區区鄉乡鎮镇' +
  '街街道道辦办處处長长書书記记副副總总專专門门負负負负責责責责協协調调動动態态' +
  '底底前前內内完完成成時时間间節节點点期期個个週周週周季季度度年年月月日日長长' +
  '續续堅坚持持推推進进開开展展落落實实執执行行態态勢势傳传達达學学習习貫贯徹彻' +
  '規规範范優优化化創创新新試试點点驗验收收評评價价考考核核獎奖懲惩罰罚預预算算' +
  '決决策策議议題题論论證证聽听諮咨詢询溝沟通通宣宣傳传輿舆論论問问題题應应對对' +
  '災灾險险災灾害害緊紧急急處处置置態态勢势線线網网頁页門门戶户網网站站欄栏目目' +
  '序序號号備备註注註注說说明明內内容容項项目目舉举措措施施目目標标要要求求進进度度' +
  '條条款款點点區区縣县鎮镇鄉乡級级幾几萬万億亿兩两歲岁壹壹貳贰參参肆肆陸陆' +
  '東东西西南南北北門门戶户廣广州州華华蘇苏滬沪遼辽寧宁龍龙陝陕黃黄灣湾臺台台台' +
  '稅税銀银險险證证監监積积極极條条併并採采購购餘余雜杂髮发鬆松雲云個个' +
  '職职細细則则見见將将爭争營营維维權权歸归轉转類类還还這这過过結结復复釋释讀读視视頻频藝艺術术擴扩雙双戰战別别聯联繫系係系緒绪隊队軍军價价錢钱鐵铁橋桥樓楼顯显勵励夠够嚴严厲厉勞劳僱雇補补償偿舊旧樣样儘尽盡尽屆届歷历義义廢废';

/**
 * More pairs for web copies (#13): the characters of page chrome (打印本页, 關閉窗口), names of
 * bodies (廳, 隊, 鎮, 館) and the role and deadline wording of Traditional-script pages.
 */
const MORE_PAIRS =
  '團团館馆園园際际國国當当後后來来腦脑廠厂礦矿轄辖氣气邊边僑侨錄录檔档綱纲層层紮扎穩稳強强鞏巩築筑揮挥變变蓋盖綠绿約约競竞' +
  '選选徵征討讨訂订頒颁佈布啟启績绩覽览賬账閉闭瀏浏掃扫碼码載载階阶籌筹衞卫鄰邻衆众眾众傷伤殘残殯殡養养僅仅訴诉訟讼儲储糧粮' +
  '風风潔洁課课師师壓压縮缩鏈链齊齐賦赋顧顾懸悬鄭郑陽阳濱滨鹽盐漢汉隸隶滙汇匯汇鐘钟齡龄訪访親亲輔辅費费貸贷債债幣币橫横亞亚' +
  '閩闽贛赣圖图劇剧馬马麼么沒没給给讓让識识請请謝谢寫写聞闻買买賣卖車车軟软驅驱幫帮歡欢壞坏難难滿满瞭了響响鑑鉴鑒鉴棄弃閱阅' +
  '蘭兰獨独縱纵擔担擁拥擬拟攜携攬揽撥拨擾扰損损換换搶抢掛挂捨舍殺杀傑杰偉伟傘伞儀仪兒儿剛刚劍剑劑剂勁劲勝胜勸劝卻却吳吴啓启' +
  '喪丧嗎吗圓圆壇坛壘垒壯壮夢梦奪夺奮奋婦妇媽妈孫孙寶宝寵宠憲宪尋寻嶺岭帥帅帶带庫库廁厕廈厦廟庙彈弹徑径恆恒惡恶慣惯憂忧懷怀' +
  '戀恋戲戏拋抛擊击斷断晉晋暫暂曆历楊杨榮荣樂乐樞枢歐欧澤泽爐炉爺爷牆墙獲获瑪玛畢毕異异畫画盤盘礎础禮礼禱祷種种窮穷筆笔簽签' +
  '籃篮紅红純纯紛纷終终絕绝絲丝綜综緣缘緩缓練练繳缴繼继羅罗聖圣聲声膚肤臨临艱艰蟲虫衝冲裝装複复覺觉觀观觸触訓训託托許许診诊' +
  '詞词詳详誠诚誤误談谈謀谋講讲謹谨譜谱譯译讚赞豐丰貝贝貢贡貧贫貨货貴贵貼贴賓宾賞赏賠赔賴赖賽赛趕赶趙赵跡迹踐践躍跃軌轨軸轴' +
  '較较輕轻輪轮辭辞連连違违遠远適适遲迟遷迁遺遗針针鈞钧銷销鋼钢錯错鍵键鎖锁閒闲閣阁闆板陣阵陳陈陰阴隨随隱隐雖虽離离靈灵韓韩' +
  '頂顶順顺須须額额顏颜願愿飛飞飯饭飲饮鬥斗鬧闹魚鱼鳥鸟麥麦裡里裏里銜衔';

const TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const chars = Array.from(PAIRS + MORE_PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const traditional = chars[i] as string;
    const simplified = chars[i + 1] as string;
    if (traditional !== simplified) map.set(traditional, simplified);
  }
  return map;
})();

/** The first code unit of each Traditional character mapped, to find one without slicing the text. */
const TRADITIONAL_UNITS: ReadonlySet<number> = new Set([...TO_SIMPLIFIED.keys()].map((char) => char.charCodeAt(0)));

/** True when a UTF-16 code unit starts a Traditional character that `simplify` maps. */
export function isTraditionalUnit(code: number): boolean {
  return TRADITIONAL_UNITS.has(code);
}

/**
 * Maps the Traditional characters fenjie's vocabulary needs to their Simplified forms, one
 * character for one, so that positions and lengths are unchanged. Everything else is kept.
 */
export function simplify(text: string): string {
  // Most text holds no Traditional character: its code units are scanned without building anything
  // (a string built a character at a time was most of what a large table's parse allocated).
  let i = 0;
  while (i < text.length && !TRADITIONAL_UNITS.has(text.charCodeAt(i))) i += 1;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (const char of text.slice(i)) out += TO_SIMPLIFIED.get(char) ?? char;
  return out;
}

/**
 * A pinyin gloss that a copying site writes in brackets after a character (重點(diǎn)工作任務(wù),
 * 縣發(fā)改委): lower-case letters, tone marks included, right after a Han character.
 */
const PINYIN_GLOSS = /(?<=\p{Script=Han})[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]/gu;

/**
 * The text without pinyin glosses, for telling what it is (a header's role, a body's name). The
 * glosses stay in the text the model keeps: they are part of the page as published.
 */
export function withoutGlosses(text: string): string {
  return text.includes('(') || text.includes('（') ? text.replace(PINYIN_GLOSS, '') : text;
}
