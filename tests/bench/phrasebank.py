"""Domain sentences of disclosure reports, by section, with slots for agency, year, topics and numbers.

The templates paraphrase what real 政府信息公开工作年度报告 say in each part;
slots make each sentence vary per report (topics follow the agency's kind, so
a 民政局 writes about 城乡低保 and a 教育局 about 学生资助). These sentences
carry the domain vocabulary the query mix searches for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

TOPICS: dict[str, tuple[str, ...]] = {
    "民政": ("城乡低保", "特困人员供养", "临时救助", "养老服务", "儿童福利", "婚姻登记", "殡葬管理", "社会组织登记",
             "地名管理", "残疾人两项补贴", "慈善捐赠", "村务公开"),
    "教育": ("学前教育", "义务教育招生", "学生资助", "教师招聘", "中考招生", "校园安全", "教育经费", "民办学校审批",
             "课后服务", "营养改善计划"),
    "财政": ("预算决算", "政府采购", "三公经费", "专项资金", "政府债务", "惠民惠农补贴", "国有资产管理", "财政票据",
             "转移支付", "绩效评价"),
    "公安": ("户籍管理", "出入境管理", "交通安全管理", "治安管理处罚", "居住证办理", "机动车登记", "消防安全",
             "反诈宣传", "警务公开", "身份证办理"),
    "卫健": ("医疗机构执业", "公共卫生服务", "疾病预防控制", "卫生监督执法", "家庭医生签约", "计划生育奖励扶助",
             "医师资格", "疫苗接种", "健康扶贫", "院前急救"),
    "人社": ("就业创业补贴", "城乡居民养老保险", "工伤认定", "劳动保障监察", "事业单位公开招聘", "职业技能培训",
             "根治欠薪", "社会保障卡", "人才引进", "失业保险"),
    "自然资源": ("土地征收", "国土空间规划", "不动产登记", "矿业权出让", "耕地保护", "土地供应", "地质灾害防治",
                 "测绘地理信息", "土地整治", "林地审批"),
    "生态环境": ("环境影响评价", "排污许可", "环境质量监测", "突发环境事件", "大气污染防治", "水污染防治",
                 "环境行政处罚", "土壤污染防治", "中央生态环境保护督察", "固体废物管理"),
    "住建": ("保障性住房", "建筑市场监管", "房屋征收", "物业管理", "老旧小区改造", "城市供水", "商品房预售许可",
             "建设工程质量", "燃气安全", "住房公积金"),
    "交通运输": ("农村公路建设", "道路运输许可", "交通行政执法", "公路养护", "城市公交", "出租汽车管理", "水路运输",
                 "治超治限", "客运站管理", "交通建设项目"),
    "农业农村": ("惠农补贴", "乡村振兴", "农产品质量安全", "动物防疫", "农机购置补贴", "高标准农田建设", "耕地地力保护",
                 "农村人居环境整治", "种子管理", "农民专业合作社"),
    "市场监管": ("食品安全抽检", "特种设备安全", "企业登记注册", "产品质量监督", "价格监督检查", "药品安全",
                 "双随机一公开", "知识产权保护", "计量监督", "广告监测"),
    "退役军人": ("优抚对象抚恤", "退役士兵安置", "烈士褒扬", "光荣牌悬挂", "退役军人就业创业", "军休服务",
                 "双拥共建", "困难帮扶援助"),
    "医保": ("医保基金监管", "医疗救助", "异地就医结算", "药品集中带量采购", "城乡居民医保参保", "医保支付方式改革",
             "门诊慢特病待遇", "定点医药机构管理"),
    "人民政府": ("财政预决算", "重大建设项目", "征地拆迁", "政务服务", "重大行政决策", "乡村振兴", "安全生产",
                 "公共资源交易", "民生实事", "棚户区改造", "优化营商环境", "疫情防控"),
}

PLATFORMS: tuple[str, ...] = (
    "政府门户网站", "政务微信公众号", "政务微博", "政务公开栏", "政府公报", "新闻发布会", "12345政务服务便民热线",
    "政务服务网", "电子显示屏", "政务新媒体", "政府信息公开专栏", "今日头条政务号",
)

_GENERAL: tuple[str, ...] = (
    "{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，紧紧围绕{place}中心工作和群众关切，扎实推进政府信息公开工作。",
    "坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果“五公开”。",
    "围绕{topic}、{topic2}等重点领域，及时发布政策文件和工作动态，切实保障人民群众的知情权、参与权和监督权。",
    "严格执行政府信息发布保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
    "{we}将政务公开工作纳入年度目标管理，做到与业务工作同研究、同部署、同考核。",
    "对照《{place}{year}年政务公开工作要点》，逐项细化任务分工，明确责任科室和完成时限。",
    "依托{platform}和{platform2}，及时发布{topic}等群众关心关注的信息。",
    "全年召开政务公开专题会议{n1}次，研究解决工作中遇到的困难和问题。",
)

_BY_PART: dict[str, tuple[str, ...]] = {
    "overview": (
        "{we}成立了由主要负责同志任组长、分管负责同志任副组长的政务公开工作领导小组，明确{n1}名工作人员具体负责日常工作。",
        "全年通过{platform}主动公开政府信息{n3}条，其中{topic}类信息{n2}条，较上年增长{pct}%。",
        "加强政策解读，全年发布政策解读材料{n2}篇，其中图文解读{n1}篇、视频解读{n0}篇，主要负责同志带头解读{n0}次。",
        "完善依申请公开受理、审查、答复工作流程，规范答复文书格式，依法保障申请人的合法权益。",
        "推进政府信息管理规范化，对{year}年以前制发的规范性文件进行全面清理，保留{n1}件，废止{n0}件。",
        "持续加强{platform}建设，优化栏目设置，全年更新栏目信息{n3}条，确保信息发布及时准确。",
        "建立健全政务公开考核评议制度，邀请人大代表、政协委员和群众代表对政务公开工作进行评议。",
        "围绕{topic}工作，及时回应社会关切，全年回应群众咨询{n2}件，办结率100%。",
        "开展政务公开业务培训{n0}次，参训人员{n2}人次，工作人员业务水平进一步提升。",
        "在{place}政务服务中心设立政府信息公开查阅点，配备查阅设备，方便群众就近查阅。",
    ),
    "proactive": (
        "{year}年，{we}共主动公开政府信息{n3}条，其中机构职能类{n1}条，政策法规类{n1}条，规划计划类{n0}条，工作动态类{n2}条。",
        "主动公开的主要形式为{platform}、{platform2}、新闻媒体和政务公开栏。",
        "在{place}档案馆、图书馆设立政府信息查阅点，全年接待查阅群众{n1}人次。",
        "按照规定及时公开{topic}相关政策、办事指南和办理结果，方便群众办事。",
        "本年度制发规范性文件{n0}件，均在印发之日起20个工作日内予以公开。",
        "全面公开部门预算、决算和“三公”经费情况，公开时间和内容符合规定要求。",
        "更新完善政府信息公开指南和政府信息公开目录，编制主动公开基本目录{n1}项。",
    ),
    "requests": (
        "{year}年，{we}共受理政府信息公开申请{n1}件，其中当面申请{n0}件，网络申请{n0}件，信函申请{n0}件。",
        "已全部在法定期限内答复，其中同意公开{n0}件，部分公开{n0}件，不予公开{n0}件，信息不存在{n0}件。",
        "申请内容主要涉及{topic}、{topic2}等方面的信息。",
        "{year}年度，{we}未收到政府信息公开申请。",
        "对申请公开的信息属于不予公开范围的，均依法告知申请人并说明理由。",
        "规范依申请公开办理流程，实行登记、审核、办理、答复、归档全过程管理。",
    ),
    "fees": (
        "{year}年度，{we}未收取政府信息公开相关费用，也未发生减免情况。",
        "依申请提供政府信息只收取检索、复制、邮寄等成本费用，本年度共收取费用{n1}元。",
        "本年度未发生政府信息公开收费及减免情况。",
    ),
    "review_litigation": (
        "{year}年，未发生针对{we}政府信息公开事务的行政复议案件和行政诉讼案件。",
        "全年共发生政府信息公开行政复议案件{n0}件，均维持原行政行为；行政诉讼案件{n0}件，目前尚未审结。",
        "本年度无因政府信息公开申请提起行政复议、行政诉讼的情况。",
    ),
    "problems": (
        "一是公开内容还不够全面，部分{topic}信息更新不够及时。",
        "二是政策解读形式较为单一，图解、音视频等解读方式运用不多。",
        "三是工作人员业务能力有待提高，多为兼职人员，人员变动较为频繁。",
        "下一步，{we}将从以下几个方面加以改进：",
        "一是加强学习培训，不断提高工作人员的业务水平和保密意识。",
        "二是拓宽公开渠道，充分利用{platform}及时发布信息，增强公开实效。",
        "三是强化监督考核，将政务公开工作纳入年度绩效考核，定期通报工作情况。",
        "四是聚焦{topic}等重点领域，加大信息公开力度，积极回应社会关切。",
        "对照{place}政务公开第三方评估反馈的问题，逐项整改，目前已全部整改到位。",
    ),
    "other_matters": (
        "{year}年，{we}未收取信息处理费。",
        "本年度共承办人大代表建议{n1}件、政协委员提案{n1}件，已全部按时办结，办理结果已按规定公开。",
        "按照《{place}{year}年政务公开工作要点》要求，扎实做好{topic}领域信息公开工作。",
        "本年度无其他需要报告的事项。",
        "{we}政务公开工作年度考核等次为优秀，相关工作经验在全{level_word}交流推广。",
    ),
}

THEMED_HEADINGS: tuple[str, ...] = (
    "以政务公开助力{topic}", "强化组织领导，健全工作机制", "突出公开重点，回应社会关切", "加强平台建设，拓宽公开渠道",
    "规范依申请公开工作", "增强政务公开实效", "深化{topic}领域信息公开", "推进政务公开标准化规范化建设",
)

COMMON_DOMAIN_TERMS: tuple[str, ...] = (
    "政府信息公开", "政务公开", "主动公开", "依申请公开", "行政复议", "行政诉讼", "规范性文件", "不予公开",
    "政策解读", "保密审查", "信息公开", "门户网站",
)


@dataclass(frozen=True)
class ReportContext:
    """What the sentences of one report refer to."""

    agency: str
    we: str
    place: str
    year: int
    kind: str

    @property
    def level_word(self) -> str:
        return {"省": "省", "市": "市", "县": "县", "区": "区", "州": "州", "旗": "旗", "盟": "盟"}.get(self.place[-1:], "国")


_LEADS: tuple[str, ...] = ("", "", "{year}年，", "全年", "本年度，", "同时，", "此外，", "{we}", "一年来，", "按照上级部署，")
_ACTIONS: tuple[str, ...] = ("加强", "推进", "完善", "规范", "深化", "落实", "强化", "健全", "优化", "抓好", "做好", "扎实开展")
_OBJECTS: tuple[str, ...] = (
    "{topic}信息公开", "{topic}政策解读", "{topic}领域办事指南编制", "政策文件公开", "政务新媒体管理", "信息发布审核",
    "依申请公开答复", "政府信息公开目录编制", "政务公开标准化建设", "{platform}内容保障", "政务舆情回应",
    "公开事项清单动态调整", "基层政务公开", "决策公开和公众参与", "重点领域信息公开", "{topic}工作",
)
_RESULTS: tuple[str, ...] = (
    "确保信息发布及时、准确、规范", "切实保障人民群众的知情权、参与权和监督权", "不断提升政务公开质量和实效",
    "全年发布相关信息{n2}条", "群众满意度进一步提高", "各项工作取得明显成效", "做到应公开尽公开",
    "累计办理{n1}件", "为{topic}工作营造了良好氛围", "进一步增强了工作透明度", "形成了长效工作机制",
)


class _Slots(dict):
    """Slot values for one sentence, drawn only when the template uses them.

    Number slots draw a fresh value at every occurrence; `topic2` and
    `platform2` differ from `topic` and `platform`.
    """

    def __init__(self, rng: random.Random, context: ReportContext) -> None:
        super().__init__(agency=context.agency, we=context.we, place=context.place or "全国", year=context.year,
                         level_word=context.level_word)
        self.rng = rng
        self.topics = TOPICS[context.kind]

    def __missing__(self, key: str) -> object:
        if key in _NUMBER_RANGES:
            low, high = _NUMBER_RANGES[key]
            return round(self.rng.uniform(low, high), 1) if key == "pct" else self.rng.randint(low, high)
        choices = self.topics if key.startswith("topic") else PLATFORMS
        first = key.rstrip("2")
        value = self.rng.choice([choice for choice in choices if choice != self.get(first)] if key.endswith("2")
                                else choices)
        self[key] = value
        return value


_NUMBER_RANGES: dict[str, tuple[int, int]] = {"n0": (0, 9), "n1": (1, 60), "n2": (10, 400), "n3": (100, 5000),
                                              "pct": (1, 45)}


def _composed_template(rng: random.Random) -> str:
    return f"{rng.choice(_LEADS)}{rng.choice(_ACTIONS)}{rng.choice(_OBJECTS)}，{rng.choice(_RESULTS)}。"


def domain_sentence(rng: random.Random, part: str, context: ReportContext, used: set[str]) -> str:
    """One domain sentence for the report part `part` (a canonical section type), slots filled.

    A template of the part's bank is used at most once per report (`used`
    remembers them); otherwise the sentence is composed from lead, action,
    object and result phrases, which gives thousands of variants.
    """
    fresh = [template for template in _BY_PART.get(part, ()) + _GENERAL if template not in used]
    if fresh and rng.random() < 0.5:
        template = rng.choice(fresh)
        used.add(template)
    else:
        template = _composed_template(rng)
    return template.format_map(_Slots(rng, context))


def themed_headings(rng: random.Random, context: ReportContext, count: int) -> list[str]:
    """`count` different headings of the kind some 2008–2018 reports use instead of the usual parts."""
    return [heading.format(topic=rng.choice(TOPICS[context.kind])) for heading in rng.sample(THEMED_HEADINGS, count)]


def all_templates() -> tuple[str, ...]:
    """Every sentence template, for deriving phrase queries from the known vocabulary."""
    return _GENERAL + tuple(template for bank in _BY_PART.values() for template in bank)
