"""A hand-made document tree shaped like the seed chapter, for the DOCX writer's tests and benchmark."""

from __future__ import annotations

from yearbook.doctree import (
    Cell,
    Column,
    Document,
    Heading,
    Metadata,
    OutlineItem,
    Paragraph,
    ParaRole,
    Run,
    RunRole,
    Table,
)

ENTRY_TEXT = (
    "以市政协党组理论学习中心组学习为引领，全面落实“第一议题”学习制度，全年召开党组理论学习中心组学习会25次，"
    "党组会、常委会、主席会等专题学习19次，团结引领各党派团体和各族各界人士，坚决拥护中国共产党的领导，"
    "坚定不移走中国特色社会主义道路，坚决贯彻中央决策、省委部署和市委要求。"
)
MEETING_TEXT = (
    "1月9日上午，政协嘉峪关市第十届委员会第二次会议开幕会暨第一次全体会议在市级机关会议中心开幕。"
    "大会应到市政协委员176名，实到135名。会议听取并审议《政协嘉峪关市第十届委员会常务委员会工作报告》。"
)
LITERAL = "审议通过<草案>&附件"


def entry(title: str, text: str) -> Paragraph:
    return Paragraph(
        [Run(f"【{title}】", RunRole.ENTRY_TITLE), Run(text)], outline=OutlineItem(2, title)
    )


def meeting_table(number: int, rows: int) -> Table:
    columns = [Column("会议名称", 2.0), Column("会议时间", 1.0, "center"), Column("会议内容", 4.0)]
    body = [
        [
            Cell(f"十届{i + 1}次主席会议"),
            Cell(f"{i % 12 + 1}月{i % 28 + 1}日"),
            Cell("审议通过《政协嘉峪关市委员会2022年委员学习培训计划》《关于开展“嘉事好商量、三有在基层”活动工作方案》"
                 if i % 3 == 0 else LITERAL if i == 1 else "听取有关情况的汇报"),
        ]
        for i in range(rows)
    ]
    return Table(number, "2022年嘉峪关市政协十届主席会议一览表", columns, body)


def sample_document(table_rows: int = 14, repeat: int = 6) -> Document:
    meta = Metadata(title="政协嘉峪关市委员会年鉴-2023", author="政协嘉峪关市委员会办公室", edition=2023, year=2022)
    blocks: list = [
        Heading(1, "政协嘉峪关市委员会", "政协嘉峪关市委员会", new_page=True, outline=OutlineItem(0, "政协嘉峪关市委员会")),
        Heading(2, "综述", "综述", outline=OutlineItem(1, "综述")),
    ]
    for i in range(repeat):
        blocks.append(entry(f"思想政治建设{i + 1}", ENTRY_TEXT * 2))
    blocks.append(Heading(2, "政协重要会议", "政协重要会议", outline=OutlineItem(1, "政协重要会议")))
    blocks.append(entry("十届二次会议", "2023年1月9日至11日，政协嘉峪关市第十届委员会第二次会议在市级机关会议中心召开。"))
    blocks.append(Paragraph([Run("第一次全体会议", RunRole.RUNIN_TITLE), Run(MEETING_TEXT)]))
    blocks.append(entry("主席会议", f"全年召开主席会议13次，{LITERAL}。"))
    blocks.append(meeting_table(7, table_rows))
    for i in range(repeat):
        blocks.append(entry(f"常务委员会会议{i + 1}", MEETING_TEXT * 2))
    blocks += [
        Heading(2, "专文", "专文", outline=OutlineItem(1, "专文")),
        Paragraph([Run("凝心聚力建言献策　奋力谱写新时代政协工作新篇章")], ParaRole.ARTICLE_TITLE,
                  outline=OutlineItem(1, "凝心聚力建言献策"), heading_level=2),
        Paragraph([Run("——2022年市政协工作综述")], ParaRole.SUBTITLE),
        Paragraph([Run("市政协办公室")], ParaRole.BYLINE),
        Paragraph([Run("一、坚持党的领导，政治引领更加有力")], ParaRole.ARTICLE_HEADING, heading_level=3),
        Paragraph([Run(ENTRY_TEXT * 3)]),
        Paragraph([Run("（一）强化理论武装")], ParaRole.ARTICLE_HEADING, heading_level=4),
        Paragraph([Run(MEETING_TEXT * 3)]),
        Paragraph([Run("（政协嘉峪关市委员会办公室　杨永民供稿）")], ParaRole.CREDIT),
    ]
    return Document(meta, blocks)
