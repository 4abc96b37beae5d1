"""Write a synthetic one-chapter data folder of about N pages, in the real data format.

Run by hand: `python benchmarks/make_chapter.py --pages 300 -o /tmp/ch300`. The text is
made from the example chapter's sentences with varied numbers, places and subjects,
so it is realistic for the checks (no sentence repeats) and for line breaking; the
records give one meetings table, one proposals table and one activities table per
分目. Deterministic: the same arguments write the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Calibrated on the yearbook style: about this many entries fill one page.
ENTRIES_PER_PAGE = 2.65
ENTRIES_PER_SECTION = 24
PLACES = ["嘉峪关", "酒泉", "金昌", "张掖", "武威", "敦煌", "玉门", "瓜州", "肃州", "金塔", "高台", "临泽"]
SUBJECTS = [
    "文化旅游", "乡村振兴", "生态保护", "营商环境", "城市更新", "教育发展", "医疗卫生", "养老服务",
    "科技创新", "就业创业", "交通建设", "水资源利用", "新能源产业", "民族团结", "基层治理", "社会保障",
]


def _sentences() -> list[str]:
    text = (ROOT / "data" / "jiayuguan.yaml").read_text(encoding="utf-8")
    body = [line.strip() for line in text.splitlines() if len(line.strip()) > 60 and ":" not in line[:12]]
    out = []
    for para in body:
        out += [s + "。" for s in para.split("。") if len(s) > 20 and "{{" not in s]
    return out


def _vary(sentence: str, rng: random.Random, serial: int) -> str:
    sentence = re.sub(r"(?<![\d.])\d+(?![\d.年余多])", lambda m: str(rng.randint(2, 99)), sentence)
    place, subject = rng.choice(PLACES), rng.choice(SUBJECTS)
    return f"围绕{place}{subject}第{serial}项任务，{sentence}"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_chapter(pages: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    pool = _sentences()
    out.mkdir(parents=True, exist_ok=True)
    entries = max(1, int(pages * ENTRIES_PER_PAGE))
    sections = max(1, round(entries / ENTRIES_PER_SECTION))
    serial = 0
    chapter = ["title: 政协示例市委员会", "records:", "  include: records.yaml", "sections:"]
    meetings, proposals, activities = [], [], []
    for s in range(sections):
        chapter += [f"  - title: {_q(f'{rng.choice(SUBJECTS)}工作{s + 1}')}", "    entries:"]
        for e in range(ENTRIES_PER_SECTION):
            paragraphs = []
            for _ in range(rng.randint(1, 3)):
                sentences = []
                for _ in range(rng.randint(2, 5)):
                    serial += 1
                    sentences.append(_vary(rng.choice(pool), rng, serial))
                paragraphs.append("".join(sentences))
            title = f"{rng.choice(PLACES)}{rng.choice(SUBJECTS)}{s + 1}-{e + 1}"
            chapter += [f"      - title: {_q(title)}", "        text: |"]
            chapter += [f"          {p}" for p in paragraphs]
            if e == 0:
                chapter += [
                    "        tables:",
                    f"          - {{caption: {_q(f'会议一览表{s + 1}')}, from: meetings, kind: standing}}",
                    f"          - {{caption: {_q(f'提案一览表{s + 1}')}, from: proposals}}",
                    f"          - {{caption: {_q(f'调研活动一览表{s + 1}')}, from: activities}}",
                ]
        # Tables list all records of a kind, so each 分目's table is only a few rows long.
        if s == 0:
            for i in range(6):
                meetings.append(
                    f"  - {{name: {_q(f'常委会第{i + 1}次会议')}, kind: standing,"
                    f" date: 2022-{i + 2:02d}-1{i},"
                    f" content: {_q(_vary(rng.choice(pool), rng, i))}}}"
                )
                proposals.append(
                    f"  - {{number: {i + 1}, subject: {_q(f'关于推进{SUBJECTS[i]}的建议')},"
                    f" proposer: {_q(f'委员{i + 1}')}, handler: {_q('市发展改革委')}}}"
                )
                activities.append(
                    f"  - {{date: 2022-{i + 3:02d}-2{i}, topic: {_q(f'{SUBJECTS[i]}专题调研')},"
                    f" outcome: {_q('形成调研报告1篇')}}}"
                )
    (out / "book.yaml").write_text(
        "title: 示例年鉴\nedition: 2023\nyear: 2022\nunit: 政协示例市委员会\n"
        "chapters:\n  - include: chapter.yaml\n",
        encoding="utf-8",
    )
    (out / "chapter.yaml").write_text("\n".join(chapter) + "\n", encoding="utf-8")
    records = ["meetings:", *meetings, "proposals:", *proposals, "activities:", *activities]
    (out / "records.yaml").write_text("\n".join(records) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args()
    write_chapter(args.pages, args.out)


if __name__ == "__main__":
    main()
