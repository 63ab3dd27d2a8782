"""Whether a Chinese word is shaped like a given name used alone, or a nickname.

People in chats, rosters and shop logs are called by their given name without the
surname (``晓雯``, ``志強``), by a doubled pet name (``朵朵``, ``糖糖``) or by a nickname
(``肥仔明``, ``孖仔``). No word list can tell ``志強`` (a man) from ``中心`` (a centre) by
its characters alone, so these shapes are only ever used where the place already says a
person stands (a chat speaker, a role word before, a relative's word after, a list of
other names); the ordinary words built of name characters are kept out here.
"""

from __future__ import annotations

import re

from guardrail.pii.recognizers.name_lexicon import HAN, ZH_GIVEN, ZH_NOT_IN_NAME, both_scripts, both_scripts_chars

# Two-character words made only of characters that are also given-name characters:
# never a person's given name on their own.
ORDINARY_WORDS = both_scripts(
    tuple(
        "朱古力 大家 中心 中文 中國 中華 中學 中秋 中午 中間 明天 天天 今天 明白 明星 平安 安全 和平 發展 進展 "
        "文化 文明 新年 新聞 天氣 永遠 家長 家人 家庭 國家 大學 小學 小姐 小時 小心 小組 小朋友 大小 "
        "安排 安心 安靜 成長 成功 成立 成員 成人 成本 美國 英國 英文 德國 法國 泰國 金額 金錢 黃金 "
        "和好 好的 好好 有好 有心 有福 有限 子女 女子 天子 君子 公子 孝子 一定 一起 一直 一生 一心 "
        "一家 一路 一切 一樣 一天 一月 一年 一周 一中 東南 東方 南方 西南 光明 光榮 榮耀 榮華 富貴 "
        "吉祥 如意 祥和 和順 平和 平靜 清明 清新 清潔 春天 夏天 秋天 冬天 春節 新春 新中 新加 "
        "山水 山海 江山 江河 海洋 森林 樹林 松樹 月亮 星星 星期 晨光 光華 華人 華南 華北 國際 國慶 "
        "嘉賓 佳節 佳品 美好 美麗 美容 美食 美美 秀麗 麗人 婉約 溫柔 溫和 溫馨 靜心 慧眼 敏感 "
        "智能 智慧 聰明 勇敢 勇氣 仁愛 仁義 禮物 禮品 誠信 信心 忠心 義工 義務 德育 健康 康復 安康 "
        "快樂 歡樂 樂園 喜歡 喜樂 福利 福氣 壽司 財富 發財 興旺 旺角 昌盛 繁榮 隆重 進步 前進 "
        "新鮮 長春 長江 長城 長安 長者 正常 正式 正在 正好 永久 永恆 春風 秋季 冬季 雲海 梅花 "
        "蘭花 菊花 蓮花 荷花 桂花 玉米 珍珠 翠玉 寶寶 寶貝 寶石 寧願 安寧 和諧 天才 英雄 英才 "
        "卓越 立即 立刻 建立 建設 建築 國民 民生 民國 人民 文字 文章 文件 文具 文華 達成 通知 "
        "交通 通過 通道 道路 遠方 遠近 超越 超級 越來 飛機 飛行 龍蝦 虎門 武術 威力 雄偉 峰會 "
        "波浪 清潔 源頭 泉水 基本 基金 培訓 城市 均衡 坤寧 寬心 尚未 崇高 巧克 希望 帆船 庭院 "
        "延長 彬彬 徽章 念頭 恬靜 悠閒 慈善 慶祝 承諾 振興 捷運 敬禮 斌斌 斐濟 旭日 星光 昭示 "
        "晨早 曜日 書院 朝早 杰作 柔軟 桐油 梓里 棋盤 楠木 毅力 民主 汝州 沁心 泓口 津貼 淳樸 "
        "添加 湘菜 滿意 滿分 漪漪 澔然 炎熱 烈日 煥然 爾後 玄機 珈琲 琛琛 琬琰 瑋瑋 瑜伽 璇璣 "
        "登記 百分 百貨 盈利 真心 真正 睿智 碩士 祈禱 穗港 竣工 端午 笑話 筱筱 紫色 素食 維修 "
        "羽毛 翔實 聖誕 聲明 航空 航班 芝士 芯片 苑苑 茹素 茜茜 莊園 萬一 萬元 萬歲 葆葆 蔓延 "
        "蕊蕊 薇薇 藝術 藝人 虹橋 蝶蝶 衡量 裕華 誼誼 諾言 豐富 賓館 迪士 通告 逸逸 遠足 邦交 "
        "一一 二二 大大 小小 中中 高高 多多 少少 好好 天天 人人 明明 常常 慢慢 剛剛 漸漸 謝謝 "
        "看看 想想 試試 等等 哈哈 呵呵 嘻嘻 媽媽 爸爸 哥哥 姐姐 弟弟 妹妹 奶奶 爺爺 婆婆 公公 "
        "嫲嫲 伯伯 叔叔 姨姨 舅舅 嬸嬸 仔仔 囡囡 寶寶 乖乖 親親 早早 滿滿 久久 處處 時時 年年 "
        "日日 步步 層層 家家 種種 樣樣 件件 次次 點點 些些 偷偷 悄悄 往往 匆匆 紛紛 稍稍 輕輕 "
        "靜靜 默默 快快 白白 紅紅 本本 個個 條條 片片 刻刻 生生 世世 代代 重重 深深 淡淡 "
        "亮亮 光光 空空 滿滿 團團 圓圓 長長 短短 多謝 唔該 拜拜 掰掰 啦啦 喂喂 嗯嗯 呀呀 咪咪 "
        "主持 主管 主播 客服 前台 站長 組長 班長 隊長 會長 校長 院長 家姐 大佬 細佬 老細 老闆 "
        "英明 華麗 雅致 文雅 清雅 高雅 優雅 秀美 俊美 健美 美德 品德 道德 仁德 德國 立德 "
        "宇宙 軒昂 景色 景點 風景 光景 賢惠 聰慧 智勇 安然 天然 自然 果然 忽然 當然 雖然 "
        "周一 周二 周三 周四 周五 周六 周日 週一 週二 週三 週四 週五 週六 週日 早更 中更 夜更 "
        "小蘇打 老陳醋 小黃鴨 小黃車 小龍蝦 小白菜 小白兔 小王子 "
        "一致 一同 一齊 一律 謹啟 敬啟 謹上 敬上 啟事 "
        "兒子 女兒 兒童 孫子 孫女 孫仔 兒孫 子孫 丈夫 妻子 父親 母親 父母 老公 老婆 太太 先生 女婿 媳婦 "
        "兄弟 姊妹 姐妹 朋友 同事 同學 鄰居 親戚 本人 自己 家屬 監護人 "
        "清楚 銀行 一成 二成 三成 小一 小二 小三 小四 小五 小六 中一 中二 中三 中四 中五 中六 "
        "小童 小心 小孩 小食 小菜 小巴 小輪 小販 小息 小休 小數 小型 小區 小費 小吃 小說 小事 小票 小店 小妹 "
        "阿姨 阿媽 阿爸 阿哥 阿姐 阿婆 阿公 阿伯 阿叔 阿嫂 阿妹 阿仔 阿女 "
        "浩大 浩瀚 安家 成家 家居 家具 家鄉 國內 國外 國產 平常 平時 平日 平台 和氣 和解 "
        "車行 銀行 商行 琴行 洋行 分行 同行 旅行 步行 發行 執行 進行 舉行 流行 自行 另行 "
        "家長群 家長會 "
        # what is said of a relative right after the kin word: 兒子成日打機, 女兒高中畢業
        "成日 成晚 今日 琴日 聽日 而家 依家 已經 經常 時常 高中 初中 返學 返工 放學 放工 成績 讀書".split()
    )
)
# A child's or friend's doubled pet name (朵朵, 糖糖) is any doubled character except the
# doubled words above and doubled function characters.
_DOUBLED = re.compile(f"([{HAN}])\\1")
_NOT_DOUBLED_CHARS = both_scripts_chars(
    "的了是在有和不也都就又很太最更還再才剛常天人個些來去講問叫寫請謝要會能用做話說看想試等我你佢他她它們"
    # an interjection, a kin word, words said twice for "every" (月月, 戶戶, 事事), 提提你
    # (a reminder) and 弱弱問 (a timid question)
    "啊哈呵嘻嗯呀姑舅叔伯媽爸哥姐弟妹爺奶婆公月戶事樣處年日家提弱"
)


def doubled_pet_name(word: str) -> bool:
    """``朵朵``, ``糖糖``, ``乐乐``: a doubled character that is no doubled word."""
    return (
        len(word) == 2
        and _DOUBLED.fullmatch(word) is not None
        and word not in ORDINARY_WORDS
        and word[0] not in _NOT_DOUBLED_CHARS
    )


def given_shape(word: str) -> bool:
    """Whether two Chinese characters can be a given name used alone (``晓雯``, ``志強``,
    ``嘉欣``), or a doubled pet name (``朵朵``); never an ordinary word of name characters."""
    if len(word) != 2 or not re.fullmatch(f"[{HAN}]{{2}}", word):
        return False
    if doubled_pet_name(word):
        return True
    if word in ORDINARY_WORDS or any(ch in ZH_NOT_IN_NAME for ch in word):
        return False
    return all(ch in ZH_GIVEN for ch in word)


# Relatives' words after a child's name, as parents' chats sign themselves: 朵朵妈妈,
# 糖糖奶奶, 乐乐爸爸.
KIN_AFTER_CHILD = tuple(
    sorted(
        both_scripts(
            (
                "媽媽",
                "媽咪",
                "爸爸",
                "爹哋",
                "奶奶",
                "爺爺",
                "婆婆",
                "公公",
                "嫲嫲",
                "外婆",
                "外公",
                "家長",
                "阿媽",
                "老豆",
                "老爸",
                "老媽",
                "媽",
                "爸",
            )
        ),
        key=len,
        reverse=True,
    )
)


# Words that make a shop or firm of the name before them: 阿麗美容院, 佳佳甜品, 小明冰室.
SHOP_WORDS = tuple(
    sorted(
        both_scripts(
            (
                "美容院",
                "美容",
                "美甲",
                "髮型屋",
                "冰室",
                "茶餐廳",
                "餐廳",
                "士多",
                "五金",
                "雜貨",
                "車房",
                "洗衣",
                "補習社",
                "海鮮",
                "燒臘",
                "粥店",
                "粥麵",
                "麵家",
                "小食",
                "甜品",
                "糖水",
                "診所",
                "藥房",
                "花店",
                "餅店",
                "麵包",
                "有限公司",
                "工作室",
                "商店",
                "專門店",
                "鋪",
                "舖",
                # an institution: 华中科技大学, 嘉華銀行
                "科技",
                "大學",
                "學院",
                "醫院",
                "銀行",
            )
        ),
        key=len,
        reverse=True,
    )
)


def before_shop_word(text: str, end: int) -> bool:
    """Whether a shop or firm word follows ``end`` (the name is its business's)."""
    return text.startswith(SHOP_WORDS, end)
