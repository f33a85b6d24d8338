/**
 * Traditional → simplified for characters people type into a government-services search box
 * (Hong Kong, Taiwan and older input methods). A full conversion table is megabytes; these few
 * hundred cover the catalog's vocabulary, and a character missing here only costs a bigram.
 * Pairs are written as two parallel strings so the table stays reviewable by eye.
 */
const TRADITIONAL =
  '證駕駛戶遷營業執記許辦護醫療險養稅務車輛機動國產權農費補貼發資質衛藥館飯廳開關學師婦嬰歲齡銷號預審檢驗統計劃規設築與東門書畫電視廣場單們為個體員區縣鎮鄉莊園藝術興應災報環壞傷殘貸際換領簽續繳納職勞擔圖紙樹採礦煙專賣買雜種獸蟲魚運輸貨鐵輪訓練維倉儲壓線網絡邊長寫實會議項條準經濟廢棄處罰節約勵參盤點請決鬥隊價錢額標誌擁擠過內層樓臺灣邊歷復雙離婚結緣問題難題隨礙懷孕產陽陰億萬與業務總測繪導覽認識談論譯讀調聲響獨獲寵憑據態權歸減務災撫卹協勞動剛輕遠遊選遺遞郵醜鄰錄鋼針鏈閉陸隱雞電靈頁頓頭顧風飛養餘駐騎體髮鬥鳥麥黃齒廟廠廣廟徑從復徵戀戰擇擴攤敗敵斷時暫曆書來東條楊業極標樣橋檔櫃歡歲殘殼氣滅滿漢潔濕灣燈爐營爭牆狀獄獎環現畢畝異當發盡監盤眾礎確禮禍稱穩窮竊競筆範篩簡糧紀約紅納純紙級紛組細終絕給絡統絲經綠綱網維綜緊線練縣縮總績繩繫織繳罷義習聖聯聽肅脅腦腳膚臉興舉艦莊葉蘇號蟲術衝衛補製複襲見規視覺觀訂計訊討記設許訴診評詞試詩該詳認語誤說課誰請諾謀謝證識譜護讓豐貝負財貢貧貨販責貴貸費貿賀資賓賠賣質購賽贈趕趨躍軌軍軟載輔輩輸辦農這連週進遊運過達違遠適遷選遺還邊郵鄉醫針鈔鋪錢錯鍵鎖鎮長門閃閉開閒間閱闆隊階際陳陸陰險隨隱隻雙雜雞離難電須預領頻顏類顯風飛飯飲飼飽養館馬駁駐駕駛騙驗驚髮鬧魯鳥鹽麥黨點齊齡龍屬殯儀墳傳構創轉兒孫親戲劇團溝燒幣韓嚴';
const SIMPLIFIED =
  '证驾驶户迁营业执记许办护医疗险养税务车辆机动国产权农费补贴发资质卫药馆饭厅开关学师妇婴岁龄销号预审检验统计划规设筑与东门书画电视广场单们为个体员区县镇乡庄园艺术兴应灾报环坏伤残贷际换领签续缴纳职劳担图纸树采矿烟专卖买杂种兽虫鱼运输货铁轮训练维仓储压线网络边长写实会议项条准经济废弃处罚节约励参盘点请决斗队价钱额标志拥挤过内层楼台湾边历复双离婚结缘问题难题随碍怀孕产阳阴亿万与业务总测绘导览认识谈论译读调声响独获宠凭据态权归减务灾抚恤协劳动刚轻远游选遗递邮丑邻录钢针链闭陆隐鸡电灵页顿头顾风飞养余驻骑体发斗鸟麦黄齿庙厂广庙径从复征恋战择扩摊败敌断时暂历书来东条杨业极标样桥档柜欢岁残壳气灭满汉洁湿湾灯炉营争墙状狱奖环现毕亩异当发尽监盘众础确礼祸称稳穷窃竞笔范筛简粮纪约红纳纯纸级纷组细终绝给络统丝经绿纲网维综紧线练县缩总绩绳系织缴罢义习圣联听肃胁脑脚肤脸兴举舰庄叶苏号虫术冲卫补制复袭见规视觉观订计讯讨记设许诉诊评词试诗该详认语误说课谁请诺谋谢证识谱护让丰贝负财贡贫货贩责贵贷费贸贺资宾赔卖质购赛赠赶趋跃轨军软载辅辈输办农这连周进游运过达违远适迁选遗还边邮乡医针钞铺钱错键锁镇长门闪闭开闲间阅板队阶际陈陆阴险随隐只双杂鸡离难电须预领频颜类显风飞饭饮饲饱养馆马驳驻驾驶骗验惊发闹鲁鸟盐麦党点齐龄龙属殡仪坟传构创转儿孙亲戏剧团沟烧币韩严';

const TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const traditional = Array.from(TRADITIONAL);
  const simplified = Array.from(SIMPLIFIED);
  if (traditional.length !== simplified.length) {
    throw new Error(`traditional table is misaligned: ${traditional.length} vs ${simplified.length}`);
  }
  const map = new Map<string, string>();
  traditional.forEach((char, i) => {
    const target = simplified[i]!;
    // Identity pairs (a character both scripts share) are harmless; keep the table a plain zip.
    if (char !== target) map.set(char, target);
  });
  return map;
})();

export function toSimplified(text: string): string {
  let out = '';
  for (const char of text) out += TO_SIMPLIFIED.get(char) ?? char;
  return out;
}
