"""Deterministic Chinese titles and body text for the sample site.

Every generator takes an index (and sometimes a date) instead of drawing random numbers, so the same
build always writes the same bytes. Long prose lives in ``texts.py``; this module holds the short
building blocks that titles are made of.
"""

from __future__ import annotations

from datetime import date

from samplesite import texts as _texts

TOPICS = [
    "农村集体资产管理", "城市道路占用挖掘管理", "政府投资项目管理", "住房公积金缴存管理",
    "城乡居民基本医疗保险", "公共租赁住房管理", "建筑垃圾处置管理", "城区停车秩序管理",
    "农村宅基地审批管理", "个体工商户扶持", "企业技术改造奖补", "普惠性民办幼儿园扶持",
    "居家养老服务补贴", "残疾人两项补贴发放", "地名管理", "历史建筑保护利用",
    "城市绿化管理", "耕地保护补偿", "森林防火", "水资源管理", "河道采砂管理",
    "政府购买服务管理", "行政规范性文件制定", "重大行政决策程序", "公共资源交易管理",
    "高层次人才引进", "就业创业补贴", "农业保险保费补贴", "生活垃圾分类", "消防安全责任制",
]
TOWNS = ["青石镇", "云溪乡", "白沙镇", "梅岭街道", "龙潭镇", "枫林乡", "石门镇", "桃源乡"]
PEOPLE = ["王建国", "李晓明", "陈丽华", "张伟", "刘洋", "周敏", "吴强", "郑海燕", "孙立新", "朱红梅",
          "黄志刚", "林素芬"]
DEPARTMENTS = ["县发展和改革局", "县教育局", "县民政局", "县财政局", "县人力资源和社会保障局",
               "县自然资源和规划局", "县住房和城乡建设局", "县交通运输局", "县水利局", "县农业农村局",
               "县卫生健康局", "县市场监督管理局"]
NEWS_TOPICS = ["乡村振兴", "安全生产", "优化营商环境", "防汛防台", "重点项目建设", "民生实事项目",
               "文明城市创建", "森林防火", "招商引资", "生态环境保护"]
MEETINGS = ["工作推进会", "工作会议", "动员部署会", "现场推进会", "工作座谈会"]
NOTICES = ["城乡居民医疗保险集中参保缴费", "冬季森林防火", "城区部分道路临时交通管制",
           "农村集体经营性建设用地入市", "公开招聘社区工作者", "困难群众基本生活救助资金发放",
           "高考期间噪声污染防治", "全县第五次经济普查", "城镇老旧小区改造计划", "公共场所控烟"]
PROJECTS = ["城南污水处理厂提标改造", "县人民医院综合大楼", "青石镇农贸市场改造", "云溪乡村道路提升",
            "城区停车场建设", "白沙镇安置小区", "梅岭街道老旧小区改造", "龙潭水库除险加固", "县职业教育中心实训楼",
            "枫林乡光伏发电", "石门镇污水管网", "桃源乡文旅综合体"]
EMERGENCIES = ["防汛防台应急响应", "地质灾害气象风险预警", "高温天气防范", "森林火险预警", "道路结冰预警",
               "危险化学品安全专项整治", "汛期安全生产", "应急避难场所开放"]
SERVICES = ["城乡居民医保参保登记", "义务教育阶段新生入学", "公共租赁住房申请", "残疾人证办理",
            "高龄津贴申领", "不动产登记", "社会保障卡申领", "生育登记服务"]
AUDITS = ["县级预算执行和其他财政收支", "重点民生资金", "政府投资项目", "乡镇财政财务收支", "国有企业负责人经济责任",
          "住房公积金管理"]
EDU_TOPICS = ["中小学招生入学", "义务教育学校课后服务", "校园食品安全", "学生资助政策", "教师招聘",
              "校外培训机构监管", "普通高中学业水平考试", "学前教育普及普惠", "校园安全隐患排查"]


def texts() -> dict[str, dict[str, str]]:
    """The long prose of ``texts.py``, by site."""
    return {"county": _texts.COUNTY, "department": _texts.DEPARTMENT, "report": _texts.REPORT}


def pick(pool: list[str], index: int) -> str:
    """Cycle through a pool, so titles repeat only after the pool is used up."""
    return pool[index % len(pool)]


def cn_date(day: date) -> str:
    """2026年06月20日, the long Chinese date form many sites print."""
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def regulation_title(index: int) -> str:
    """Title of a 规范性文件."""
    topic = pick(TOPICS, index)
    forms = [f"青山县人民政府关于印发《青山县{topic}办法》的通知",
             f"青山县人民政府办公室关于进一步加强{topic}工作的实施意见",
             f"青山县人民政府办公室关于印发《青山县{topic}实施细则》的通知"]
    return forms[index % len(forms)]


def regulation_issuer(index: int) -> tuple[str, str]:
    """发布机构 and 文号 prefix matching :func:`regulation_title` (政府 or 政府办公室)."""
    return ("青山县人民政府", "青政发") if index % 3 == 0 else ("青山县人民政府办公室", "青政办发")


def explanation_title(index: int) -> str:
    """Title of a 政策解读."""
    topic = pick(TOPICS, index + 7)
    forms = [f"《青山县{topic}办法》政策解读", f"一图读懂《青山县{topic}实施意见》",
             f"关于《青山县{topic}实施细则》的解读"]
    return forms[(index // len(TOPICS)) % len(forms)]


def finance_title(index: int, year: int) -> str:
    """Title of a 财政预决算 document."""
    forms = [f"青山县{year}年县级部门预算公开", f"青山县{year - 1}年县级决算公开",
             f"{pick(DEPARTMENTS, index)}{year}年部门预算", f"青山县{year}年“三公”经费预算情况说明",
             f"青山县{year - 1}年政府债务限额及余额情况"]
    return forms[index % len(forms)]


def personnel_title(index: int) -> str:
    """Title of a 人事信息 document (appointments)."""
    return f"青山县人民政府关于{pick(PEOPLE, index)}等同志职务任免的通知"


def notice_title(index: int, year: int) -> str:
    """Title of a 通知公告 item."""
    return f"关于{year}年{pick(NOTICES, index)}工作的通告"


def news_title(index: int) -> str:
    """Title of a 工作动态 / 要闻 item."""
    topic = pick(NEWS_TOPICS, index)
    forms = [f"青山县召开{topic}{pick(MEETINGS, index)}", f"{pick(TOWNS, index)}扎实推进{topic}各项工作",
             f"县政府常务会议研究部署{topic}工作"]
    return forms[(index // len(NEWS_TOPICS)) % len(forms)]


def rules_title(index: int) -> str:
    """Title of a 政府信息公开制度 document."""
    forms = ["青山县政府信息公开保密审查制度", "青山县政府信息依申请公开工作制度",
             "青山县政府信息公开工作年度报告制度", "青山县政府信息公开工作责任追究制度",
             "青山县政务公开工作考核办法", "青山县政府信息发布协调制度", "青山县政策解读工作办法"]
    return forms[index % len(forms)]


def procurement_title(index: int) -> str:
    """Title of a 政府采购 announcement."""
    topic = pick(TOPICS, index + 3)
    return f"青山县{topic}服务项目公开招标公告" if index % 2 else f"青山县{topic}服务项目中标结果公告"


def education_title(index: int, kind: str) -> str:
    """Title of a department (教育局) item; kind is news, notice or fee."""
    topic = pick(EDU_TOPICS, index)
    if kind == "news":
        return f"青山县教育局部署{topic}工作"
    if kind == "fee":
        return f"青山县{topic}收费标准公示"
    return f"关于做好{topic}工作的通知"


def body_paragraphs(title: str, day: date, index: int, short: bool = False) -> list[str]:
    """A few plausible paragraphs for a document page; one paragraph for the benchmark site."""
    first = (f"{cn_date(day)}，{title}。为深入贯彻落实党中央、国务院和省委、省政府决策部署，"
             "结合我县实际，现将有关事项公告如下。")
    if short:
        return [first]
    town = pick(TOWNS, index)
    return [
        first,
        f"一、各乡镇（街道）、县直各部门要高度重视，明确责任分工，{town}等地要结合实际细化工作措施，"
        "确保各项任务落到实处。",
        "二、要加强统筹协调和督促检查，及时研究解决工作中遇到的困难和问题，重大事项及时报告。",
        "三、本文件由青山县人民政府办公室负责解释，自发布之日起施行。",
    ]


def proposal_title(index: int, year: int) -> str:
    """Title of a 建议提案办理 reply."""
    return f"关于县政协{year}年第{index % 9 + 1}次会议第{20 + index * 3}号提案的答复（{pick(TOPICS, index + 11)}）"


def decision_title(index: int) -> str:
    """Title of a 重大决策预公开 item."""
    topic = pick(TOPICS, index + 5)
    return f"关于《青山县{topic}办法（征求意见稿）》公开征求意见的公告" if index % 2 == 0 \
        else f"《青山县{topic}三年行动计划》重大行政决策事项目录公示"


def enforcement_title(index: int, year: int) -> str:
    """Title of a 行政执法公示 item."""
    department = pick(DEPARTMENTS, index + 3).replace("县", "青山县", 1)
    return f"{department}{year}年行政处罚信息公示（第{index + 1}期）"


def audit_title(index: int, year: int) -> str:
    """Title of a 审计信息 item."""
    return f"青山县{year - 1}年度{pick(AUDITS, index)}审计结果公告"


def emergency_title(index: int, year: int) -> str:
    """Title of a 应急管理 item."""
    return f"青山县应急管理局关于做好{year}年{pick(EMERGENCIES, index)}工作的通知"


def service_title(index: int, year: int) -> str:
    """Title of a 公共服务 item."""
    return f"青山县{year}年{pick(SERVICES, index)}办事指南"


def project_title(index: int, year: int) -> str:
    """Title of a 重点项目 item."""
    return f"青山县{pick(PROJECTS, index)}项目{'开工建设' if index % 2 else '建设进展'}情况公示"
