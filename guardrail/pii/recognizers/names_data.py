"""Word lists for name recognition in Hong Kong text.

Romanised Cantonese (and some Mandarin pinyin) surnames and given-name syllables,
common English given names used in Hong Kong, Chinese surnames (single and compound),
characters common in Chinese given names, and place names that look like names
(Wan Chai, Tai Po) so that they are not taken for people.
"""

from __future__ import annotations

ROMANISED_SURNAMES = frozenset(
    """
    au auyeung chan chang chau cheng cheuk cheung chiang chik chim chin ching chiu choi choy chong
    chow chu chui chung fan fok fong fung ha hau heung ho hon hui hung ip kam kan ko kok kong
    koo ku kung kwan kwok kwong lai lam lau law lee lei leung li liang lim lin ling liu lo lok
    lui luk lun lung ma mak man mo mok mui ng ngai ngan ngo pang poon pun shek shiu shum siu
    sin sit so suen sung sze szeto tai tam tang tin to tong tsang tse tso tsoi tsui tung wai
    wan wat wong woo wu yau yeung yim yip yiu yu yue yuen yung cheang leong kei keung sham
    tsai yee yan chen huang zhang wang zhao zhou xu sun zhu hu guo he luo gao zheng xie song
    han feng deng cao peng zeng xiao tian dong pan jiang cai ding wei xue ye du dai xia zhong
    qiu jin qin shi fu meng bai cui kang mao yao qian hao duan tan yin sy
    ren shen yuan cheng su lyu lu liao jia fang zou xiong yan lei hou tao gu gong shao kong
    xiang tang wen niu xing qiao zhuang nie zhai zhan geng guan jiao zuo gan bao ning shang
    ruan mei tong pei huo miao sheng qu weng xin chai hua teng rao mou nong zhuo jian lian
    chu lou dou cen jing dang fei leng zong gui quan zang min gou bian luan sui diao rong
    kou sang zhen cong kuang qi ke sima ouyang situ shangguan zhuge murong huangfu gongsun xiahou duanmu
    yang
    """.split()
)
# Syllables of Mandarin given names, which pinyin writes joined in one word (Siqi, Xinran,
# Yuxuan): a word that splits into two of them after a surname is a given name.
PINYIN_GIVEN_SYLLABLES = frozenset(
    """
    si qi ran zi han yu xuan hao yi nuo ruo xi shu yan meng xin jia jun tian wen bo rui hui
    lin ling zhi yang chen hong li na ting lei tao peng kai xiang yue xue qian qing long dong
    fei ping ying jing juan lan mei fang ning hua wei jie ming bin yun chao gang feng jian
    zhen zhuo yao yong hai bing lu shan shuang min xiao xia xiu zhong cheng sheng de kang le
    en er ke mu ze jin rong xing qiang kun heng shuo song tong wan xun yuan chun lian ying
    hang zhe han qin hui zhu xu ya qiong jiao lu man nan pei an shi ji di tang song qiu bai
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
    kow kwun loi foon woon choy chuk nin ngok heung koon fong yam tsoi
    wei xin jia hao xiao jun hui zhi qiang jie keong seng kiat siew zhen xuan qing rui jian zhong meng hua
    fang min jing yun ning tao peng chao xia juan xiu yong gang feng wen qi bin
    zi dong rong xue zhe zhuo tian xiang yang zheng chen
    hiu kuan cheong ngar suk nok shuen shiu wui yue huen tsuen mun kee sok
    boon keng swee hock beng teck hwee kheng choon huat guan chye geok tiong khoon giok
    """.split()
)
# (The last line: Hokkien and Teochew syllables, as Singaporean and Malaysian Chinese
# names spell them: LIM Boon Keng, Tan Swee Hock.)

ENGLISH_GIVEN_NAMES = frozenset(
    """
    jess nic vic gabby meg nate
    aaron abby ada adam adrian agnes alan albert alex alexander alexandra alfred alice alicia
    alison alvin amanda amber amy andrew andy angel angela angie ann anna anne annie anson anthony
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
    allen antony barry byron cedric colin dominic donald dylan eddie edmund elton frederick
    gabriel gavin geoffrey gerald graham hayden herbert horace jasper joel kyle leonard
    marvin neil owen ricky russell sammy stuart travis trevor wilfred winston zachary
    gideon adele barbara beatrice belinda bernice beverly bridget camille candice celia
    charlene claudia constance daphne debbie deborah denise diane dora eliza gillian gwen
    helena ida jill joanne judith kimberly kristy leona lilian lorraine louise mabel macy
    martha maxine megan melanie miriam mona nicola nina pamela priscilla renee roberta rosanna
    ruth sabrina selina serena sheila silvia suzanne tammy ursula vivien
    """.split()
)

TITLES = frozenset(
    "mr mrs ms miss dr mdm madam prof sir dame rev revd pastor fr bishop hon judge justice "
    "professor capt sgt insp supt cpl det constable sis bro "
    # Spanish, Portuguese, French and German titles, and Filipino ones of respect (Ate Nelia)
    "sr sra srta dona mme mlle herr frau ate kuya tita tito".split()
)

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
    Lee Tung, Hong Kong, Kowloon, Lantau, Cheung Chau, Lamma, Peng Chau, Ping Chau, Tung Chung,
    Wang Tau Hom, Tai Tam, Lok Wah, Kwai Shing, Cheung Hong, Shek Lei, Tai Hing, Siu Hong,
    London, Manchester, Birmingham, Edinburgh, Glasgow, Toronto, Vancouver, Calgary, Melbourne,
    Brisbane, Auckland, Taipei, Tokyo, Osaka, Seoul, Bangkok, Manila, Jakarta, Singapore,
    Shenzhen, Guangzhou, Shanghai, Beijing, Macau, Macao, Dubai, Zhuhai, Dongguan,
    Haneda, Narita, Kansai, Incheon, Changi, Heathrow, Gatwick, Suvarnabhumi, Chek Lap Kok,
    Tsui Wah, Tai Hing, Kee Wah, Wing Wah, Chow Tai Fook, Chow Sang Sang, Lee Kum Kee, Yung Kee,
    Lin Heung, Tim Ho Wan, Ho Lee Fook, Sun Hung Kai, Cheung Kong, Po Leung Kuk, Tung Wah, Yan Chai,
    Pok Oi, Kwong Wah, Hang Seng, Wing On, Yue Hwa, Tai Cheong, Ho Hung Kee, Tsim Chai Kee, Kau Kee,
    Sing Heung Yuen, Lan Fong Yuen, Kam Wah, Lok Fu, Luk Fook, Lukfook, Hung Fook Tong, Hui Lau Shan,
    Chiu Chow, Fook Lam Moon, Mak An Kee, Wong Chi Kei, Kwan Kee, Lau Sum Kee, Chan Kan Kee,
    Hello Kitty, My Melody, Little Twin Stars, Winnie the Pooh, Mickey Mouse, Minnie Mouse, Peppa Pig,
    Pak Kung Au, Ngong Ping, Lantau Trail, MacLehose Trail, Wilson Trail, Hong Kong Trail, Lantau Peak,
    Sunset Peak, Tai Mo Shan, Lion Rock, Pat Sin Leng, Ma On Shan Country Park, Wong Nai Chung Gap,
    Pak Tam Chung, Tai Tam Country Park, Shing Mun, Lead Mine Pass, Needle Hill, Kowloon Peak, Tai Long Wan
    """.replace("\n", " ").split(",")
)

CHINESE_SURNAMES_COMPOUND = ("歐陽", "司徒", "司馬", "上官", "諸葛", "端木", "皇甫", "公孫", "夏侯", "尉遲")
CHINESE_SURNAMES = frozenset(
    "陳李張黃何林吳劉蔡楊梁鄭謝郭曾羅鄧周葉馮蘇盧許朱胡袁文莫麥余潘彭譚馬蕭陸鍾鄺黎區伍嚴王"
    "趙孫高方江石杜丁韓姚唐宋龐湯范鄒程傅崔邱邵孔魏薛蔣賴廖戴侯施沈容洪翁柯岑甘游韋溫關簡冼"
    "凌古雷易阮利勞鮑童鄔聶華顏龔卓任尹殷龍尤呂左車巫苗萬岳祝符景饒康舒金錢白倪毛藍孟田熊紀"
    "桂植招單倫畢蒲農霍樊練屈徐胡邢闞葛祁湛賀甄顧駱郝"
)
CHINESE_GIVEN_CHARS = frozenset(
    "大文小明志強偉國華建家俊傑豪嘉欣詠詩美玲雪瑩玉蘭麗芳秀英慧敏婷儀珊淑惠燕鳳霞萍紅月雲梅潔"
    "靜琪琦晴雅怡穎思心妍彤曉綺蔚嫣瑤琳璐珍珠翠碧寶寧安康樂健浩然天佑卓君立德耀興成祖兆誠信忠"
    "義仁禮智勇軍兵平和榮達輝光亮宏鴻鵬飛龍虎威武雄峰山海波濤江河清源泉林森松柏樹楓祥瑞福壽喜"
    "財富貴昌盛隆發展進新中正永長春夏秋冬啟啓彥皓翰霖澤朗駿騏謙銘鈞錦銳鋒子宇軒晉景樺賢聰昇昊"
    "宗恆恒泰東南偉衛倩蓓蕙茵菁莉萱蓉荷菊桂蘋嬌娟娜姿妙好如若雯霏露霜凝冰恩愛悅宜佳依伊筠芷晞"
    "曦灝煒燁熙焯炳燊鑫淼湛溢滔澄潤漢沛洋浚淇涵深基堅培城堃均坤寬尚崇嵐巧希帆庭延彬彰徽忻念恬"
    "悠愷慈慶憲懷承振捷敬斌斐旭昀星昭晨曜書朝杰柔栢桐梓棋楠毅民汝沁泓津淳添湘溥滿漪澔炎烈煥爾"
    "玄玨珈珮琛琬瑋瑜璇璟登百盈真睿碩祈穗竣端笑筱紫素維羽翔聖聲胤舜航芊芝芯苑茹茜莊萬葆蔓蕊"
    "薇藝虹蝶衡裕誼諾豐賓超越迪通逸道遠邦鈺銓鋼錚鏗鐘霆靈韻順頌駒鳴麟泳蘊少家麗銀金嘉鈴芬蓮珏"
    "卿冠凱嘉善喬堯奕婉媛嫻孝宙宛宸寅峻崢巍彩徵忠恩悟惟愉慕懿攸敖旻昕晟晧暉曼栩植楷樑櫻歡沐"
    "泊洛浠淦渝湄溫滢漫澍灼焜煦熹燦犀琨琰瑾璋甯皎盛睦瞳矜禎秉穆竹箐簡紀綸綾縈翊翹耀臻致舒艷"
    "芙芸苡茗荃莎菲萍萊葦蓁蔚蕾藍蘅行詩誠謹譽豫貞赫軍輝遙郁鈞銘錡鍵鎮陶雋雯霓霽靖韋頤顥馨駱騰"
)
# Words after which a Chinese name is expected, and honorifics that follow one.
CHINESE_NAME_CONTEXT_BEFORE = (
    "客戶",
    "顧客",
    "先生",
    "姓名",
    "名叫",
    "叫做",
    "致",
    "親愛的",
    "聯絡人",
    "聯系人",
    "員工",
    "同事",
    "病人",
    "學生",
    "老師",
    "經理",
    "主任",
    "申請人",
    "收件人",
    "回覆",
    "給",
    "是",
    "由",
    "租客",
    "業主",
    "會員",
    "用戶",
    "職員",
    "醫生",
    "住客",
    "乘客",
    "投訴人",
    "簽署人",
    "記者",
    "老闆",
    "朋友",
    "鄰居",
    "老公",
    "老婆",
    "丈夫",
    "妻子",
    "兒子",
    "女兒",
    "爸爸",
    "媽媽",
    "通知",
    "轉告",
    "感謝",
    "多謝",
    "恭喜",
    "邀請",
    "委託",
    "聘請",
    "投訴",
    "舉報",
    "起訴",
    "聯絡",
    "同學",
    "校友",
    "上司",
    "下屬",
    "助理",
    "秘書",
    "司機",
    "保安",
    "教練",
    "嘉賓",
    "患者",
    "旅客",
    "遊客",
    "訪客",
    "病患",
    "傷者",
    "事主",
    "死者",
    "疑犯",
    "被告",
    "原告",
    "證人",
    "受害人",
    "當事人",
    "領隊",
    "導遊",
    "負責人",
    # a clause that reports or meets a person: 據張偉介紹, 約咗何詠見工
    "據",
    "約咗",
    "見咗",
    "見到",
    "碰到",
    "遇到",
    "搵咗",
    "問咗",
    "表姐",
    "表哥",
    "表妹",
    "表弟",
    "堂姐",
    "堂哥",
    # officers and holders named right after their post: 財務總監司馬怡, 保單持有人上官志遠
    "總監",
    "總裁",
    "董事",
    "持有人",
    "受保人",
    "投保人",
    "受益人",
    # a name given in speech or a note: 名字肖桂英, 我叫蒋思远
    "名字",
    "我叫",
    "佢叫",
)
# Relatives before a full name of three characters (我弟弟肖建军照顾); two characters
# after them are as often a word (弟弟文明有禮).
CHINESE_KIN_BEFORE_FULL_NAME = (
    *("弟弟", "哥哥", "妹妹", "姐姐", "阿哥", "細佬", "家姐", "細妹", "外婆", "婆婆", "爺爺", "奶奶"),
    # "my sister" in speech: 暫住我妹上官凱欣屋企
    *("我妹", "我哥", "我姐", "我弟", "我老公", "我老婆"),
    # a spouse or child named in a case record: 案主前妻鄺琍, 其丈夫陳志明
    *("前妻", "前夫", "丈夫", "妻子", "太太", "兒子", "女兒", "長子", "幼子", "長女", "幼女", "父親", "母親"),
)
CHINESE_NAME_CONTEXT_AFTER = (
    "先生",
    "小姐",
    "女士",
    "太太",
    "生",
    "姐",
    "博士",
    "醫生",
    "教授",
    "老師",
    "同學",
    "（",
    "(",
    "牧師",
    "神父",
    "修女",
    "教練",
    "督察",
    "沙展",
    "幫辦",
    "警長",
    "警員",
    "法官",
    "議員",
    "校長",
    "主席",
    "律師",
    "會計師",
    "工程師",
    "社工",
    "姑娘",
    "主任",
    "經理",
    "總監",
    "同事",
    "師傅",
    "住",
    "的電話",
    "電話",
    "身份證",
    "，電話",
    "的地址",
    "的電郵",
    "電郵",
    "聯絡",
    "致電",
    "於",
    "表示",
    "說",
    "話",
    "稱",
    "指出",
    "透露",
    "回覆",
    "來電",
    "負責",
    "等人",
    "一家",
    "同學",
    "和",
    "與",
    "及",
    "今天",
    "今日",
    "昨天",
    "明天",
    "請假",
    "剛剛",
    "介紹",
    "來辦公室",
    "來公司",
    "覺得",
    "認為",
    # what a person does or has happen, right after the name: 王磊沒來, 陳靜辭職
    "沒來",
    "冇嚟",
    "唔嚟",
    "遲到",
    "生病",
    "病咗",
    "住院",
    "辭職",
    "入職",
    "升職",
    "出差",
    "休假",
    "加班",
    "值班",
    "簽收",
    "簽名",
    "報名",
    "付款",
    "轉賬",
    "過數",
)

# Given names beyond the English ones above, as met in Hong Kong: Filipino, Indonesian,
# South Asian, Nepali, Thai, Japanese, Korean and other Western names.
WORLD_GIVEN_NAMES = frozenset(
    """
    bikash santosh mohan bikram suman sushil binod rabin sabin nabin sumit ankit ajay raju gita kamala
    laxmi sarita manisha usha asif adnan irfan shahid naveed waqas amna rhea jojie nening jhen tini aini
    kartini rashid harjit hidayah nurul nur
    bosco ceci karson hinson hins ollie yanny dicky kasey toby zita
    theresa ma-theresa cristina kristine kristina jennifer mary-ann maryann
    maricel marites maribel marilou marivic maryjane rowena rosalinda rosario rosemarie
    jennylyn jocelyn josie lanie lorna lourdes luzviminda lovely mylene marlyn merlyn
    analyn arlene aileen aida cora corazon cristina dolores editha elena emelita evangeline
    felisa gemma girlie glenda imelda jovelyn juvy leonora liezl ligaya lilibeth loida
    lolita lucila marilyn marlene mercedes milagros nenita nora norma perla precy remedios
    rizza rodelia rona rosalie rosita ruel rodel romeo jomar jericho jonel arnel ariel
    leny lenie merly nida malou myrna
    benjie bong danilo dindo edgardo efren ernesto fernando gerardo jun junjun manuel
    noel ramon renato reynaldo rogelio rolando ronaldo ruben rey mark jay
    siti sri dewi putri ayu rina wulan nur nurul indah wati yanti sari lestari ningsih
    fitri ratna retno rini tri yuni eka dian endang kartika kurnia lina mega novi puji
    purwanti rahayu rukmini sulastri sumiati susanti tuti umi wahyuni yuli agus budi
    dwi eko hendra joko rudi slamet bambang darmawan hadi wahyu yusuf ahmad muhammad
    mohammad mohamed mohammed ahmed ali hassan hussain ibrahim omar abdul aziz rahman
    fatima aisha ayesha zainab khadija amina farah nadia sana hina noor mariam maryam
    priya priyanka sandeep karthik arjun ravi rajesh deepak amit anil sunil vijay rahul
    rohit sanjay suresh ramesh mahesh ganesh dinesh rakesh mukesh naresh manoj vinod
    ashok prakash arun varun kiran kavita anita sunita geeta pooja neha shreya ananya
    divya lakshmi meena radha sita uma asha rekha rani kumari harpreet gurpreet manpreet
    jaspreet simran amrit balbir hardeep kuldeep navdeep inder raj vikram aditya
    abhishek akash anand ashish gaurav manish nikhil pankaj pradeep rajiv sachin sameer
    tarun vivek yash krishna shankar
    bahadur dil hari ram krishna bishnu gopal shyam tek prem kamal bimal pasang lhakpa
    mingma dorje tenzing sonam pemba nima dawa
    somchai somsak suda malee nok
    hana yuki yuko yoko keiko akiko naoko tomoko kenji takeshi hiroshi satoshi kenta
    haruto yuto sakura aiko mei emi rin ren sora
    jiwoo minjun seojun jiho minji seoyeon jihye soyeon hyun jisoo
    lukas luca leon finn jonas elias noah liam oliver lucas mateo felix hugo theo
    isabella sofia olivia emma mia amelia ava charlotte harper evelyn abigail emily
    ella scarlett grace chloe camila penelope riley layla zoey nora hazel aurora
    violet savannah audrey brooklyn bella claire skylar lucy paisley everly anna
    caroline nova genesis emilia kennedy samantha maya willow kinsley naomi aaliyah
    elena sarah ariana allison gabriella alice madelyn cora ruby eva serenity autumn
    adeline hailey gianna valentina isla eliana quinn nevaeh ivy sadie piper lydia
    alexa josephine emery julia delilah arianna vivian kaylee sophie brielle madeline
    doreen maureen colleen kathleen eileen noreen pauline geraldine bernadette
    marcus jayden cyrus derek kelvin stephanie tiffany karen winnie mandy polly
    rowan declan callum ewan angus hamish fraser alastair duncan niall ciaran
    patrick seamus liam sean conor aidan brendan fergus rory eamon
    giovanni giuseppe marco matteo alessandro lorenzo francesco antonio luigi paolo
    pierre jean jacques louis francois antoine nicolas olivier philippe mathieu
    hans klaus jurgen wolfgang stefan matthias andreas thomas markus sebastian tobias
    ivan dmitri sergei alexei nikolai olga natasha svetlana irina tatiana petrova
    carlos jose juan luis miguel pedro pablo diego javier alejandro rafael sergio
    maria carmen lucia isabel pilar rosa ana laura marta paula
    ahmad hamid karim tariq bilal imran faisal zubair usman kashif
        zara jamal nur aisyah putri ayu wulan ratna yanti sri indah zainab hamza bilal usman imran
    siddharth rohan aarav vihaan ishaan kabir aryan anika aditi sneha nisha ritu tanvi kunal
    varsha shalini deepika anjali pallavi swati madhuri preeti rupali
    joaquim joao leonor ines beatriz tiago duarte goncalo afonso henrique filipa mariana
    tasha natasha zoe cormac siobhan aoife niamh saoirse
    jiwon seoyun minseo hyejin jiyoung sunghoon dongwook taehyun jungwoo youngho
    haruki takumi daiki ryota kaito yuna yui hina riko misaki ayaka nanami kaori
    """.split()
)

# Nicknames common in Hong Kong (doubled syllables, Ah-names written as one word).
HK_NICKNAMES = frozenset(
    """
    bobo yoyo coco kiki momo jojo lulu fifi gigi mimi nana kaka dodo toto lala
    bubu chichi didi keke koko lolo mumu nini popo tata titi vivi wawa yaya zizi
    fafa kimi lili mandy sisi cici bibi pipi dudu soso
    """.split()
)

# Given names that are also ordinary words, places or brands: a name only where a name
# is expected (a chat speaker, after a greeting or title, in a labelled field), never
# on their own.
WORD_GIVEN_NAMES = frozenset(
    """
    king apple coco cherry candy sunny angel crystal amber jade ivy rose grace joy hope
    faith may june april mark will bill pat sue rich frank dawn summer holly penny ruby
    pearl daisy lily iris violet hazel ginger honey sky rain star prince duke earl sandy
    rocky chase hunter mason baker carter cooper taylor ray gene art don guy jack max
    nick bo cat kit money lucky happy peace bright jolly kitty winter autumn spring
    jordan austin victoria florence charlotte chelsea paris brooklyn
    precious heather pansy flora conrad harvey lauren mario morris
    echo ocean moon pinky venus
    rob kay dee nat fay matt
    """.split()
)

# Surnames met in Hong Kong text that are not Chinese: Filipino, Indonesian, South
# Asian, Nepali and Western.
WORLD_SURNAMES = frozenset(
    """
    mehmood ghale susilowati wahyuni yilmaz
    santos reyes cruz garcia ramos mendoza bautista aquino ocampo pascual dizon galang
    bacani villanueva fernandez gonzales lopez rodriguez perez flores torres rivera
    dela delos del castillo aguilar navarro domingo gomez diaz morales salazar
    manalo mercado tolentino soriano valdez
    lestari wulandari sari putri rahayu susanti hidayat setiawan santoso wijaya
    kusuma pratama saputra nugroho gunawan suryadi halim yusuf
    sharma patel singh kumar nair menon rai gurung tamang thapa magar limbu shrestha
    khan ali hussain ahmed malik sheikh qureshi chaudhry iqbal raman iyer pillai reddy
    rao gupta mehta shah joshi verma mishra chakraborty banerjee mukherjee das bose
    sen ghosh kapoor malhotra chopra bhatia arora sethi
    smith jones brown williams taylor wilson johnson davies robinson wright thompson
    evans walker white roberts green hall wood jackson clarke fitzgerald murphy kelly
    o'brien o'connor mcdonald campbell stewart anderson scott morrison macdonald
    schmidt muller schneider fischer weber meyer wagner becker hoffmann
    rossi russo romano ferrari esposito bianchi ricci
    dubois martin bernard moreau laurent petit
    petrov ivanov petrova ivanova smirnov
    yamamoto tanaka suzuki watanabe takahashi ito nakamura kobayashi sato yoshida
    kim park lee choi jung kang yoon jang lim han
    nguyen tran le pham hoang phan vu dang bui
    rahman hossain ahmad begum akhtar chowdhury uddin siddiqui aziz karim rashid haque hasan hassan
    qureshi mirza ansari butt chaudhry chaudhary bhatti baig awan rana
    kwon cho shin seo yoo ryu bae baek hwang jeon yang heo noh ahn kwak
    fernandes souza sousa d'souza d'costa d'cruz d'silva silva pereira costa rodrigues gomes marques
    ribeiro carvalho almeida alves rosario xavier noronha remedios gonsalves pinto machado
    ozorio azevedo barros cardoso correia fonseca figueiredo lobo monteiro oliveira sequeira
    o'neill o'sullivan o'reilly o'donnell o'leary o'hara o'shea o'connell o'brien o'malley
    matsumoto inoue kimura hayashi shimizu yamazaki mori ikeda hashimoto ishikawa ogawa okada
    maeda fujita matsumura hasegawa murakami kondo sakamoto endo aoki fujii nishimura
    duong huynh truong ngo
    """.split()
)

# Capitalised words that are never a person's name, wherever they stand: family roles,
# job roles and the field names of forms, logs and tables. Speaker labels such as
# ``Mum:`` and ``Agent:`` and table headers such as ``| Volunteer |`` use them.
NOT_NAMES = frozenset(
    """
    mum mummy mommy mom mami mama ma dad daddy papa pa mother father son daughter
    husband wife grandma grandpa granny auntie aunty aunt uncle cousin sister brother
    councillor councilor legislator district licence license renewal vehicle
    consulate embassy passenger passengers pax referee referees table coroner residential ma'am
    mpf scheme specialist daytime purchase demand subsystem daemon delivery folder
    session asthma hygiene
    sis bro baby bb family everyone all team group admin administrator system bot
    assistant user agent caller customer client guest host staff officer operator
    manager supervisor foreman worker helper driver nurse doctor patient pt student
    teacher parent guardian tenant landlord owner buyer seller applicant claimant
    complainant defendant plaintiff victim witness suspect proposer insured employer
    employee volunteer candidate member resident visitor contractor agency company
    security reception receptionist cashier clerk engineer technician secretary
    tel fax mobile phone email e-mail address addr name date time note notes remarks
    subject re fw fwd cc bcc to from attn ref reference card expiry reason status
    total amount salary wages background summary details detail description
    contact period venue location place room unit flat floor block tower
    monday tuesday wednesday thursday friday saturday sunday today tomorrow
    yes no ok okay thanks thank hi hello dear regards best cheers sorry noted
    rsvp verdict pros cons clubhouse studio song lunch dinner breakfast debug
    summarise summarize translate draft review question answer q a
    principal consultant senior junior director analyst associate executive specialist
    coordinator intern partner head chief lead president vice chairman chairperson
    treasurer doc docs document documents file files attachment groom bride bridesmaid
    emcee speaker author reporter photographer editor translator trainer instructor mentor
    counsellor counselor caregiver carer nanny courier rider captain participant player
    chairperson chair convenor signatory shareholder guarantor borrower lender executor
    deceased informant sponsor nominee trustee negotiator investigator interpreter
    magistrate counsel solicitor barrister lawyer prosecutor pastor priest physician dentist
    vet judge
    pax store shop outlet clinic counter desk platform terminal cardholder holder payee
    nepali pakistani bangladeshi indian filipino filipina indonesian thai vietnamese japanese
    korean chinese british american australian canadian german french european african
    cantonese mandarin english
    docker java linux python kubernetes windows android excel powerpoint outlook teams zoom
    slack github app apps lego panadol pixel iphone ipad macbook chrome safari
    mon tue tues wed weds thur thurs fri sat feb apr jul aug sep sept oct nov dec
    putonghua tagalog bahasa hindi urdu nepali gift gifts present presents
    aspirin augmentin lipitor paracetamol ibuprofen amoxicillin metformin insulin warfarin
    ballroom reservoir lounge auditorium pavilion theatre theater
    reviewer approver scammer fraudster mule login logout passport visa mastercard amex unionpay
    octopus alipay payme schengen kumon
    thx tks ty pls plz
    hirer renter lessee lessor licensee licensor consignee consignor assignee assignor sender recipient
    producer presenter moderator panellist received lineitem euro euros usd hkd rmb day test order nat
    typhoon storm faculty frozen django flask jira confluence kafka redis postgres postgresql mysql mongodb
    figma trello asana grammarly siri
    award maid maids scaffolder scaffolders welder plumber electrician cleaner chef gangerman banksman beneficiary physio physiotherapist recognizance bosun callback switch
    asst gk established
    requester requestor assignee watcher reporter escalation incident ticket tickets log logs logfile
    exception exceptions problem problems item items issue issues severity priority component
    resolution workaround environment berth berths vessel vessels pontoon mooring consignment
    shipment parcel parcels waybill manifest insurer insurers reinsurer underwriter adjuster broker
    bic iban agenda minutes colour color size christmas xmas easter halloween diwali ramadan eid
    thanksgiving merry hostel hostels dormitory dorm quarters box pobox
    ortho orthopaedics orthopedics paed paeds paediatrics pediatrics psych psychiatry derm
    dermatology cardio cardiology neuro neurology neurosurgery onco oncology uro urology
    gastro gastroenterology ophth ophthalmology obstetrics gynaecology radiology anaesthesia
    warden wardens recruiter reg cust text voicemail site child leader receipt kids alarm engraving
    server farewell full tech keymaster creative runner class foyer batch meter lift colleague
    concierge rollback overseas circulate support registration next mgmt resale remittance sirs key
    self office
    """.split()
)

# Labels of a field that holds a person's name, in English. Strong labels name the
# field itself ("Name:", "Surname:"), so any name-shaped value follows; role labels
# ("Claimant:", "Helper:") are followed by a capitalised name or by something else.
NAME_LABELS_STRONG = (
    "name",
    "full name",
    "fullname",
    "name in full",
    "name in english",
    "english name",
    "chinese name",
    "name_en",
    "name_zh",
    "name_full",
    "surname",
    "last name",
    "family name",
    "given name",
    "given names",
    "first name",
    "middle name",
    "other names",
    "forename",
    "forenames",
    "guest name",
    "passenger name",
    "passenger",
    "customer name",
    "client name",
    "patient name",
    "employee name",
    "staff name",
    "student name",
    "parent name",
    "contact name",
    "contact person",
    "account name",
    "account holder",
    "cardholder",
    "card holder",
    "cardholder name",
    "name of helper",
    "name of employer",
    "name of employee",
    "name of applicant",
    "name of tenant",
    "name of landlord",
    "name of patient",
    "name of deceased",
    "applicant name",
    "holder",
    "beneficiary",
    "payee",
    "insured name",
    "insured person",
    "person insured",
    "life insured",
    "injured person",
    "name on card",
    "name as on card",
    "name as in passport",
    "name as per passport",
    "policyholder",
    "policy holder",
    "signed by",
    "signed",
    "signature",
    "sole proprietor",
    "received from",
    "bill to",
    "billed to",
    "ship to",
    "deliver to",
    "recipient",
    "sender",
    "consignee",
    "emergency contact",
    "next of kin",
    "nok",
    "referee",
    "spouse",
    "alias",
    "aka",
)
NAME_LABELS_ROLE = (
    "claimant",
    "deponent",
    "affirmant",
    "declarant",
    "testator",
    "testatrix",
    "respondent",
    "appellant",
    "petitioner",
    "intervener",
    "defendant",
    "plaintiff",
    "applicant",
    "helper",
    "employer",
    "employee",
    "tenant",
    "landlord",
    "customer",
    "client",
    "patient",
    "pt",
    "caller",
    "complainant",
    "victim",
    "witness",
    "suspect",
    "proposer",
    "insured",
    "guest",
    "doctor",
    "dr",
    "nurse",
    "agent",
    "officer",
    "student",
    "parent",
    "guardian",
    "owner",
    "buyer",
    "seller",
    "vendor",
    "purchaser",
    "driver",
    "technician",
    "engineer",
    "contact",
    "attn",
    "attention",
    "to",
    "from",
    "cc",
    "dear",
    "prepared by",
    "approved by",
    "handled by",
    "reported by",
    "requested by",
    "submitted by",
    "proposed by",
    "seconded by",
    "moved by",
    "assigned to",
    "assignee",
    "reviewer",
    "interviewer",
    "interviewee",
    "candidate",
    "referrer",
    "referred by",
    "manager",
    "supervisor",
    "staff",
    "user",
    "member",
    "resident",
    "visitor",
    "organiser",
    "organizer",
    "host",
    "teacher",
    "principal",
    "tutor",
    "coach",
    "therapist",
    "physio",
    "pharmacist",
    "surgeon",
    "consultant",
    "mother",
    "father",
    "son",
    "daughter",
    "husband",
    "wife",
    "child",
    "employee",
    "worker",
    "staff member",
    "case officer",
    "investigating officer",
    "reporting officer",
    "groom",
    "bride",
    "best man",
    "bridesmaid",
    "mc",
    "emcee",
    "speaker",
    "guest speaker",
    "author",
    "reporter",
    "photographer",
    "editor",
    "translator",
    "trainer",
    "instructor",
    "mentor",
    "counsellor",
    "counselor",
    "social worker",
    "caseworker",
    "caregiver",
    "carer",
    "nanny",
    "domestic helper",
    "fdh",
    "courier",
    "rider",
    "captain",
    "participant",
    "player",
    "chairperson",
    "chair",
    "secretary",
    "treasurer",
    "convenor",
    "coordinator",
    "pic",
    "person in charge",
    "approver",
    "signatory",
    "authorised signatory",
    "director",
    "shareholder",
    "guarantor",
    "borrower",
    "lender",
    "debtor",
    "creditor",
    "executor",
    "deceased",
    "informant",
    "dependant",
    "dependent",
    "sponsor",
    "nominee",
    "trustee",
    "licensee",
    "negotiator",
    "salesperson",
    "account manager",
    "relationship manager",
    "rm",
    "handler",
    "investigator",
    "arresting officer",
    "interpreter",
    "magistrate",
    "counsel",
    "solicitor",
    "barrister",
    "lawyer",
    "prosecutor",
    "pastor",
    "priest",
    "volunteer",
    "attendee",
    "winner",
    "nurse in charge",
    "physician",
    "dentist",
    "vet",
    "veterinarian",
    "artist",
    "stylist",
    "tattooist",
    "barber",
    "groomer",
    "beautician",
)
# The same in Chinese (Traditional; Simplified forms are derived at import).
NAME_LABELS_ZH = (
    # Roles a label names a person by: a tour leader, a case handler, a ward's nurse.
    "配偶",
    "配偶資料",
    "配偶姓名",
    "領隊",
    "導遊",
    "經手",
    "跟車",
    "跟進同事",
    "負責同事",
    "當值護士",
    "護士",
    "社工",
    "主管",
    "審批人",
    "批核人",
    "姓名",
    "中文姓名",
    "英文姓名",
    "全名",
    "中文名",
    "英文名",
    "名字",
    "姓名 Name",
    "客戶",
    "客戶姓名",
    "客人",
    "顧客",
    "病人",
    "病人姓名",
    "醫生",
    "主診醫生",
    "轉介醫生",
    "收件人",
    "寄件人",
    "收貨人",
    "送貨員",
    "聯絡人",
    "緊急聯絡人",
    "申請人",
    "住戶",
    "業主",
    "租客",
    "學生",
    "家長",
    "家長聯絡人",
    "師傅",
    "司機",
    "職員",
    "處理職員",
    "跟進人",
    "記錄人",
    "持卡人",
    "接收人",
    "受檢者",
    "孕婦",
    "丈夫",
    "妻子",
    "保安員",
    "員工",
    "員工姓名",
    "監護人",
    "僱主",
    "僱主姓名",
    "受僱人",
    "受僱人姓名",
    "證人",
    "投訴人",
    "負責人",
    "經手人",
    "簽署",
    "簽收人",
    "值班同事",
    "工程師",
    "值班工程師",
    "代理人",
    "保證人",
    "受養人",
    "受保人",
    "投保人",
    "被保險人",
    "受益人",
    "會員",
    "會員姓名",
    "乘客",
    "旅客",
    "訪客",
    "來電者",
    "司機姓名",
    "收款人",
    "付款人",
    "戶主",
    "帳戶持有人",
    "賬戶持有人",
    "報案人",
    "事主",
    "疑犯",
    "同事",
    "聯系人",
    "對接人",
    "經理",
    "主任",
    "老師",
    "班主任",
    "學生姓名",
    "候選人",
    "開單人",
    "承辦人",
    "簽名",
    "登記人",
    "業主姓名",
    "租客姓名",
    "發件人",
    "收件人姓名",
    "寄件人姓名",
    "新郎",
    "新娘",
    "伴郎",
    "伴娘",
    "司儀",
    "主婚人",
    "證婚人",
    "父親",
    "母親",
    "配偶",
    "聯絡人姓名",
    "被保人",
    "借款人",
    "擔保人",
    "承租人",
    "出租人",
    "買方",
    "賣方",
    "甲方",
    "乙方",
    "護士",
    "藥劑師",
    "治療師",
    "物理治療師",
    "社工",
    "輔導員",
    "教練",
    "導師",
    "講者",
    "嘉賓",
    "主持",
    "作者",
    "記者",
    "攝影師",
    "編輯",
    "翻譯",
    "譯者",
    "聯繫人",
    "負責老師",
    "監考",
    "主席",
    "秘書",
    "司庫",
    "董事",
    "股東",
    "死者",
    "遺囑執行人",
    "受託人",
    "檢察官",
    "法官",
    "律師",
    "證人姓名",
    "警員",
    "督察",
    "接待",
    "銷售",
    "經紀",
    "營業員",
    "客戶經理",
    "司機姓名",
    "車主",
    "房東",
    "租戶",
    "屋主",
    "戶主姓名",
    "住客姓名",
    "病人姓名",
    "陪診",
    "照顧者",
    "家傭",
    "外傭",
)
