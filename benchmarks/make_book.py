"""Write a synthetic whole book of N distinct units in the real data format.

    python benchmarks/make_book.py --units 60 -o /tmp/book60

Each unit is a folder that builds alone (book.yaml, a chapter file, a records file)
with its own name and its own text: about ten PDF pages of entries, three tables
made from records and a free table. Units are placed four to a 类目 (as 分目), every
fifth one as a whole 类目; the book has a 大事记 and index marks. The text is drawn
from phrases with a seeded random generator, so the same N always gives the same book.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

YEAR = 2022
PLACES = [
    "城关", "东岗", "西固", "安宁", "七里河", "红古", "榆中", "皋兰", "永登", "新区",
    "河口", "临洮", "雁滩", "兴隆", "青城", "连城", "树屏", "秦王川", "中川", "什川",
]
OFFICES = [
    "政协工作委员会", "人大工作委员会", "发展和改革局", "教育局", "卫生健康局", "交通运输局",
    "文化和旅游局", "农业农村局", "民政局", "生态环境局", "市场监督管理局", "统计局",
    "自然资源局", "住房和城乡建设局", "水务局", "应急管理局", "司法局", "财政局",
]
TOPICS = [
    "乡村振兴", "营商环境", "生态保护", "城市更新", "社区治理", "公共卫生", "职业教育",
    "文化旅游", "数字经济", "养老服务", "防汛抗旱", "安全生产", "食品安全", "物流枢纽",
    "黄河治理", "老旧小区改造", "科技创新", "就业创业", "义务教育", "农田水利",
]
VERBS = ["推进", "深化", "完善", "加强", "落实", "统筹", "提升", "健全"]
OBJECTS = ["工作机制", "监督检查", "协商议事", "保障体系", "基础设施", "规章制度", "队伍建设", "宣传引导"]
RESULTS = [
    "取得明显成效", "群众满意度进一步提高", "形成一批可复制的经验", "有关问题得到有效解决",
    "各项指标完成年度计划", "工作水平稳步提升",
]
SURNAMES = ["张", "王", "李", "赵", "刘", "陈"]
GIVEN_NAMES = ["建国", "秀英", "志强", "海燕", "晓东", "丽华"]
SECTIONS = ["综述", "重要会议", "重点工作", "调研视察", "队伍建设", "制度建设"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line for line in text.split("\n")) + "\n"


def sentence(rng: random.Random, unit: str) -> str:
    topic = rng.choice(TOPICS)
    n = rng.randint(2, 60)
    return (
        f"{rng.choice(VERBS)}{topic}{rng.choice(OBJECTS)}，{unit}组织开展专项行动{n}次，"
        f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(RESULTS)}。"
    )


def paragraph(rng: random.Random, unit: str, sentences: int) -> str:
    return "".join(sentence(rng, unit) for _ in range(sentences))


def day(rng: random.Random) -> dt.date:
    return dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365))


def records(rng: random.Random, unit: str) -> str:
    out = [f"# {unit} {YEAR}年记录（自动生成）", "", "meetings:"]
    for i, d in enumerate(sorted(day(rng) for _ in range(12)), 1):
        topic = rng.choice(TOPICS)
        out += [
            f"  - name: {q(f'{unit}第{i}次主任会议')}",
            "    kind: chair",
            f"    date: {d.isoformat()}",
            f"    content: {q(f'研究{topic}工作，听取{rng.choice(OBJECTS)}情况汇报，部署下一阶段任务')}",
        ]
    out.append("proposals:")
    for i in range(1, 11):
        topic = rng.choice(TOPICS)
        out += [
            f"  - number: {i}",
            f"    subject: {q(f'关于{rng.choice(VERBS)}{topic}{rng.choice(OBJECTS)}的建议')}",
            f"    proposer: {q(rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES))}",
            f"    handler: {q(rng.choice(PLACES) + rng.choice(OFFICES))}",
        ]
    out.append("activities:")
    for d in sorted(day(rng) for _ in range(8)):
        topic = rng.choice(TOPICS)
        out += [
            f"  - date: {d.isoformat()}",
            f"    topic: {q(f'{topic}情况调研')}",
            f"    outcome: {q(f'形成调研报告1篇，提出意见建议{rng.randint(3, 12)}条')}",
        ]
    return "\n".join(out) + "\n"


def chapter(rng: random.Random, unit: str, short: str) -> str:
    out = [f"# 类目：{short}（自动生成）", "", f"title: {q(short)}", "", "contributor:",
           f"  unit: {q(unit + '办公室')}", f"  person: {q('王' + rng.choice(['明', '芳', '军', '静']))}",
           "", "records:", "  include: records.yaml", "", "sections:"]
    tables = {
        1: ("meetings", f"{YEAR}年{short}主任会议一览表"),
        2: ("proposals", f"{short}重点建议办理一览表"),
        3: ("activities", f"{YEAR}年{short}调研视察一览表"),
    }
    for s, title in enumerate(SECTIONS):
        out += [f"  - title: {q(title)}", "    entries:"]
        for e in range(5):
            topic = TOPICS[(s * 5 + e + rng.randrange(len(TOPICS))) % len(TOPICS)]
            text = "\n".join(paragraph(rng, short, rng.randint(4, 6)) for _ in range(2))
            if e == 0:
                text = f"[[{short}]]" + text
            title = topic + rng.choice(OBJECTS)
            out += [f"      - title: {q(title)}", f"        text: {block(text, 10)}".rstrip()]
            if e == 1 and s in tables:
                source, caption = tables[s]
                out += ["        table:", f"          caption: {q(caption)}", f"          from: {source}"]
            if e == 2 and s == 4:
                out += ["        table:", f"          caption: {q(short + '队伍情况表')}",
                        "          columns: [类别, 人数（名）, 占比（%）]", "          rows:"]
                counts = [rng.randint(5, 60) for _ in range(4)]
                for name, n in zip(["专职人员", "兼职人员", "聘用人员", "志愿者"], counts, strict=True):
                    out.append(f"            - [{name}, {n}, {round(100 * n / sum(counts), 1)}]")
    return "\n".join(out) + "\n"


def unit_folder(folder: Path, index: int, rng: random.Random) -> tuple[str, str]:
    place = PLACES[index % len(PLACES)]
    office = OFFICES[(index // len(PLACES) + index) % len(OFFICES)]
    short = f"{place}区{office}" if index < len(PLACES) * len(OFFICES) else f"{place}区{office}{index}"
    unit = f"示例市{short}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "book.yaml").write_text(
        "\n".join([f"title: {q(unit + '年鉴稿')}", "edition: 2023", f"year: {YEAR}", f"unit: {q(unit)}",
                   "chapters:", "  - include: chapter.yaml", ""]),
        encoding="utf-8",
    )
    (folder / "chapter.yaml").write_text(chapter(rng, unit, short), encoding="utf-8")
    (folder / "records.yaml").write_text(records(rng, short), encoding="utf-8")
    return unit, short


def make_book(units: int, out: Path, seed: int = 2023) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(units):
        folder = f"units/u{i + 1:03d}"
        names.append((folder, *unit_folder(out / folder, i, rng)))
    lines = ["# 合成的全书（benchmarks/make_book.py 生成）", "title: 示例市年鉴", "edition: 2023",
             f"year: {YEAR}", "unit: 示例市地方志办公室", "chronicle:", "  include: chronicle.yaml",
             "chapters:"]
    group: list[str] = []
    for i, (folder, _, short) in enumerate(names):
        if i % 5 == 4:
            lines.append(f"  - unit: {folder}")
            continue
        group.append(folder)
        if len(group) == 4 or i == len(names) - 1:
            lines += [f"  - title: {q(short[:2] + '片区各部门')}", "    units:"]
            lines += [f"      - {g}" for g in group]
            group = []
    (out / "book.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = ["items:"]
    for _, unit, _ in names:
        text = f"{unit}召开{rng.choice(TOPICS)}工作推进会。"
        items += [f"  - date: {day(rng).isoformat()}", f"    text: {q(text)}"]
    (out / "chronicle.yaml").write_text("\n".join(items) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    make_book(args.units, args.out, args.seed)
    print(f"{args.units} units written to {args.out}")


if __name__ == "__main__":
    main()
