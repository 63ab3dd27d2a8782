"""Word lists for name recognition in Hong Kong text.

Romanised Cantonese (and some Mandarin pinyin) surnames and given-name syllables,
common English given names used in Hong Kong, Chinese surnames (single and compound),
characters common in Chinese given names, and place names that look like names
(Wan Chai, Tai Po) so that they are not taken for people.
"""

from __future__ import annotations

ROMANISED_SURNAMES = frozenset(
    """
    au auyeung chan chang chau cheng cheuk cheung chiang chik chim chin ching chiu choi chong
    chow chu chui chung fan fok fong fung ha hau heung ho hon hui hung ip kam kan ko kok kong
    koo ku kung kwan kwok kwong lai lam lau law lee lei leung li liang lim lin ling liu lo lok
    lui luk lun lung ma mak man mo mok mui ng ngai ngan ngo pang poon pun shek shiu shum siu
    sin sit so suen sung sze szeto tai tam tang tin to tong tsang tse tso tsoi tsui tung wai
    wan wat wong woo wu yau yeung yim yip yiu yu yue yuen yung cheang leong kei keung sham
    tsai yee yan chen huang zhang wang zhao zhou xu sun zhu hu guo he luo gao zheng xie song
    han feng deng cao peng zeng xiao tian dong pan jiang cai ding wei xue ye du dai xia zhong
    qiu jin qin shi fu meng bai cui kang mao yao qian hao duan tan yin
    """.split()
)

GIVEN_SYLLABLES = frozenset(
    """
    ah bik bing bo bun chak chan chau chee cheuk cheung chi chin ching chiu choi chong chor
    chu chuen chui chun chung fai fan fat fei fook fu fun fung hang hau hei heng him hin hing
    ho hoi hok hon hong hou hung ka kai kam kan kang kar kei keung ki kin king kit kiu ko kok
    kong ku kuen kui kuk kwai kwan kwok kwong lai lam lan lap lei leung li lik lim lin ling lit
    lo lok long lui luk lun lung man mang mei mi miu mo mui nam nga ngai ngan ngo oi on pak
    pan pang pik ping po pok pong pui pun sai sam san sang sau sek shan shek sheung shing shu
    shuk shun si sik sin sing siu so sum sun sung suet sui sze tai tak tat ting tim tin to
    tong tsan tsun tsz tung wa wah wai wan wang wing wo wu yan yat yau yee yeung yi yik yim
    yin ying yip yiu yu yuen yuet yuk yung ming hei chit kau wun sum tze yeuk sau shui
    """.split()
)

ENGLISH_GIVEN_NAMES = frozenset(
    """
    aaron abby ada adam adrian agnes alan albert alex alexander alexandra alfred alice alicia
    alison alvin amanda amber amy andrew andy angel angela angie ann anna annie anson anthony
    antonio april arthur ashley audrey ben benjamin benny bernard betty bill billy bob bobby
    bonnie brandon brenda brian bruce calvin cameron candy carl carmen carol caroline carrie
    catherine cathy cecilia charles charlie charlotte cherry chris christina christine
    christopher cindy claire clara clement connie crystal cynthia daisy daniel danny darren
    david dennis derek desmond diana doris dorothy douglas edith edmond edward edwin eileen
    elaine eleanor elizabeth ella ellen elsa elsie emily emma eric erica ernest esther ethan
    eugene eunice eva evelyn fanny felix fiona florence frances francis frank frankie fred
    gary george gigi gilbert gloria gordon grace gregory hannah harold harry hazel heidi helen
    henry herman hilda howard ian irene iris isaac ivan ivy jack jackie jacky jacqueline james
    jamie jane janet janice jason jasmine jeff jeffrey jennifer jenny jeremy jerry jessica
    jessie jimmy joan joanna joe joey john johnny jonathan joseph josephine joshua joyce judy
    julia julian julie justin karen kate katherine kathy katie keith kelly kelvin ken kenneth
    kenny kevin kim kitty larry laura lawrence leo leon leslie lily linda lisa louis louisa
    lucas lucy maggie mandy marco margaret maria marian marie mark martin mary matthew maurice
    max melissa melody michael michelle mike miranda molly monica nancy natalie nathan nelson
    nicholas nick nicole noel norman olivia oscar patrick patricia paul peggy penny percy peter
    phoebe philip phyllis queenie rachel ray raymond rebecca regina richard rita robert robin
    roger ronald ronnie rosa rosalind rose ruby rudy ryan sally sam samantha samuel sandra
    sandy sarah sharon shirley sidney simon sophia sophie stanley stella stephanie stephen
    steve steven sue susan suki sunny sylvia terence teresa terry thomas tiffany tim timothy
    tina tommy tony tracy valerie vanessa vera veronica vicky victor victoria vincent vivian
    wallace walter wendy william willie wilson winnie yvonne zoe
    """.split()
)

TITLES = frozenset("mr mrs ms miss dr mdm madam prof sir dame".split())

# Place names made of name-like syllables, kept whole (lower-case, single-spaced).
PLACE_NAMES = frozenset(
    s.strip().lower()
    for s in """
    Wan Chai, Tai Po, Sha Tin, Tsuen Wan, Kwun Tong, Mong Kok, Sai Kung, Tai Wai, Yau Ma Tei,
    Tin Shui Wai, Kowloon Tong, Ho Man Tin, Lok Fu, Wong Tai Sin, Tai Koo, Sai Ying Pun,
    Sheung Wan, Chai Wan, Siu Sai Wan, Tung Chung, Ma On Shan, Fo Tan, Tai Wo, Lam Tin,
    Yau Tong, Kwai Chung, Tsing Yi, Tuen Mun, Yuen Long, Sheung Shui, Lo Wu, Lok Ma Chau,
    Pok Fu Lam, Ap Lei Chau, Shau Kei Wan, So Kwun Wat, To Kwa Wan, Tai Kok Tsui, Sham Shui Po,
    Cheung Sha Wan, Lai Chi Kok, Mei Foo, Kwai Fong, Kwai Hing, Tsim Sha Tsui, Hung Hom,
    Wong Chuk Hang, Tin Hau, Fortress Hill, Kennedy Town, Shek Kip Mei, Kowloon Bay, Ngau Tau Kok,
    Tseung Kwan O, Po Lam, Hang Hau, Tai Koo Shing, Sai Wan Ho, Heng Fa Chuen, Lei Tung,
    Wong Tai, Tai Hang, So Uk, Lai King, Yuen Chau Kok, Ma Wan, Man Kam To, Sha Tau Kok,
    Lo Wu, Tai Mei Tuk, Sai Wan, Siu Lek Yuen, Shek Mun, Tai Shui Hang, Wu Kai Sha, Kam Sheung,
    Long Ping, Hung Shui Kiu, Tai Lam, Ting Kau, Sham Tseng, Tung Tau, Wo Che, Sun Chui,
    Choi Hung, Tsz Wan Shan, Diamond Hill, Kai Tak, Sau Mau Ping, Shun Lee, On Lee, Lee Garden,
    Lee Tung, Hong Kong, Kowloon, Lantau, Cheung Chau, Lamma, Peng Chau, Ping Chau, Tung Chung
    """.replace("\n", " ").split(",")
)

CHINESE_SURNAMES_COMPOUND = ("歐陽", "司徒", "司馬", "上官", "諸葛", "端木", "皇甫", "公孫", "夏侯", "尉遲")
CHINESE_SURNAMES = frozenset(
    "陳李張黃何林吳劉蔡楊梁鄭謝郭曾羅鄧周葉馮蘇盧許朱胡袁文莫麥余潘彭譚馬蕭陸鍾鄺黎區伍嚴王"
    "趙孫高方江石杜丁韓姚唐宋龐湯范鄒程傅崔邱邵孔魏薛蔣賴廖戴侯施沈容洪翁柯岑甘游韋溫關簡冼"
    "凌古雷易阮利勞鮑童鄔聶華顏龔卓任尹殷龍尤呂左車巫苗萬岳祝符景饒康舒金錢白倪毛藍孟田熊紀"
    "桂植招單倫畢蒲農霍樊練屈徐胡邢闞葛祁湛賀"
)
CHINESE_GIVEN_CHARS = frozenset(
    "大文小明志強偉國華建家俊傑豪嘉欣詠詩美玲雪瑩玉蘭麗芳秀英慧敏婷儀珊淑惠燕鳳霞萍紅月雲梅潔"
    "靜琪琦晴雅怡穎思心妍彤曉綺蔚嫣瑤琳璐珍珠翠碧寶寧安康樂健浩然天佑卓君立德耀興成祖兆誠信忠"
    "義仁禮智勇軍兵平和榮達輝光亮宏鴻鵬飛龍虎威武雄峰山海波濤江河清源泉林森松柏樹楓祥瑞福壽喜"
    "財富貴昌盛隆發展進新中正永長春夏秋冬啟啓彥皓翰霖澤朗駿騏謙銘鈞錦銳鋒子宇軒晉景樺賢聰昇昊"
    "宗恆恒泰東南偉衛倩蓓蕙茵菁莉萱蓉荷菊桂蘋嬌娟娜姿妙好如若雯霏露霜凝冰恩愛悅宜佳依伊筠芷晞"
    "曦灝煒燁熙焯炳燊鑫淼湛溢滔澄潤漢沛洋浚淇涵深基堅培城堃均坤寬尚崇嵐巧希帆庭延彬彰徽忻念恬"
    "悠愷慈慶憲懷承振捷敬斌斐旭昀星昭晨曜書朝杰柔栢桐梓棋楠毅民汝沁泓津淳添湘溥滿漪澔炎烈煥爾"
    "玄玨珈珮琛琬瑋瑜璇璟由登百盈真睿碩祈穗竣端笑筱紫素維羽翔聖聲胤舜航芊芝芯苑茹茜莊萬葆蔓蕊"
    "薇藝虹蝶衡裕誼諾豐賓超越迪通逸道遠邦鈺銓鋼錚鏗鐘霆靈韻順頌駒鳴麟泳蘊少家麗銀金嘉鈴芬蓮珏"
    "卿冠凱嘉善喬堯奕婉媛嫻孝宙宛宸寅峻崢巍彩徵忠恩悟惟愉慕懿攸敖旻昕晟晧暉曼栩植楷樑櫻歡沐"
    "泊洛浠淦渝湄溫滢漫澍灼焜煦熹燦犀琨琰瑾璋甯皎盛睦瞳矜禎秉穆竹箐簡紀綸綾縈翊翹耀臻致舒艷"
    "芙芸苡茗荃莎菲萍萊葦蓁蔚蕾藍蘅行詩誠謹譽豫貞赫軍輝遙郁鈞銘錡鍵鎮陶雋雯霓霽靖韋頤顥馨駱騰"
)
# Words after which a Chinese name is expected, and honorifics that follow one.
CHINESE_NAME_CONTEXT_BEFORE = (
    "客戶", "顧客", "先生", "姓名", "名叫", "叫做", "致", "親愛的", "聯絡人", "聯系人", "員工", "同事",
    "病人", "學生", "老師", "經理", "主任", "申請人", "收件人", "回覆", "給", "是", "由", "租客",
    "業主", "會員", "用戶", "職員", "醫生", "住客", "乘客", "投訴人", "簽署人",
)
CHINESE_NAME_CONTEXT_AFTER = (
    "先生", "小姐", "女士", "太太", "生", "姐", "博士", "醫生", "教授", "老師", "同學", "（", "(",
    "住", "的電話", "電話", "身份證", "，電話", "的地址", "的電郵", "電郵", "聯絡", "致電", "於",
)
