"""Per-report review flags on reports written and parsed for each case: raised, not raised, uncertain."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from review_reports import T2_V2019, T3, template_report

from indexer import Report, Section, load_report
from indexer.tables import ReportTables
from indexer.review import FLAG_TYPES, RAISED, UNCERTAIN, Flag, body_kind, deadline, report_flags
from indexer.review.body_kind import DEPARTMENT, GOVERNMENT, TOWNSHIP

SEEDS = Path(__file__).resolve().parent.parent / "corpus"


def flag(report: Report, flag_id: str) -> Flag | None:
    return next((found for found in report_flags(report) if found.id == flag_id), None)


# ---- late ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agency", "year", "published", "late"),
    [
        ("榕江县民政局", 2022, "2023-01-31", False),  # a department's last day
        ("榕江县民政局", 2022, "2023-02-01", True),
        ("榕江县人民政府办公室", 2022, "2023-02-01", True),  # a 人民政府办公室 is a department
        ("天水市卫生健康委员会", 2020, "2021-02-01", True),
        ("榕江县人民政府", 2022, "2023-03-31", False),  # the government's own report
        ("榕江县人民政府", 2022, "2023-04-01", True),
        ("榕江县民政局", 2018, "2019-03-31", False),  # before 2019 every body had until 03-31
        ("榕江县民政局", 2018, "2019-04-01", True),
        ("榕江县民政局", 2019, "2020-02-01", True),  # the 2019 条例 applies from the 2019 reports
        ("古州镇人民政府", 2022, "2023-03-20", False),  # no statutory date for a 镇: lenient 03-31
        ("古州镇人民政府", 2022, "2023-04-01", True),
        ("东关街道办事处", 2022, "2023-03-31", False),
    ],
)
def test_late_applies_the_rule_of_the_year_and_kind_of_body(tmp_path, agency, year, published, late):
    found = flag(template_report(tmp_path, agency=agency, year=year, published=published), "late")
    assert (found is not None) == late
    if late:
        assert found.status == RAISED
        assert published in found.detail and found.evidence["published"] == published
        assert found.evidence["field"] == "页面发布时间"
        assert "条例" in found.evidence["rule"] or "期限" in found.evidence["rule"]


def test_late_names_the_deadline_the_rule_and_the_days(tmp_path):
    found = flag(template_report(tmp_path, year=2019, published="2020-03-31"), "late")
    assert found.detail == ("2020-03-31（页面发布时间）公布，比期限2020-01-31晚60天"
                            "（2019年条例第四十九条：县级以上人民政府部门每年1月31日前公布）")
    assert found.evidence["deadline"] == "2020-01-31" and found.evidence["body_kind"] == DEPARTMENT


def test_a_township_is_held_to_march_without_a_statutory_date(tmp_path):
    found = flag(template_report(tmp_path, agency="古州镇人民政府", published="2023-05-10"), "late")
    assert found.status == RAISED
    assert found.evidence["statutory"] is False and "未规定期限" in found.detail


def test_no_publication_date_is_uncertain(tmp_path):
    found = flag(template_report(tmp_path), "late")
    assert found.status == UNCERTAIN
    assert found.evidence["published"] is None and "未给出发布日期" in found.detail


def test_a_signed_date_is_named_as_such(tmp_path):
    found = flag(template_report(tmp_path, signed="2023年2月20日"), "late")
    assert found.status == RAISED
    assert found.evidence["field"] == "落款日期" and found.evidence["published"] == "2023-02-20"


def test_a_late_page_date_with_an_on_time_signature_may_be_a_repost(tmp_path):
    found = flag(template_report(tmp_path, published="2023-08-14", signed="2023年1月20日"), "late")
    assert found.status == UNCERTAIN
    assert found.evidence["signed"] == "2023-01-20" and "转载" in found.detail


def test_a_page_date_years_later_may_be_a_repost(tmp_path):
    found = flag(template_report(tmp_path, year=2019, published="2021-06-01"), "late")
    assert found.status == UNCERTAIN and "两年以后" in found.detail


def test_the_parsers_level_and_kind_decide_before_the_name(tmp_path):
    report = template_report(tmp_path, agency="古州社区服务中心", published="2023-03-01")
    assert body_kind(report).kind is None
    unknown = flag(report, "late")
    assert unknown.status == UNCERTAIN and "若为本级政府报告则在期限内" in unknown.detail
    assert flag(replace(report, level="township"), "late") is None
    assert flag(replace(report, agency_kind="街道"), "late") is None
    assert flag(replace(report, agency_kind="民政", level="county"), "late").status == RAISED
    assert flag(replace(report, agency_kind="人民政府", level="county"), "late") is None
    assert flag(replace(report, published="2023-04-02"), "late").status == RAISED  # past any body's deadline


@pytest.mark.parametrize(
    ("agency", "kind"),
    [
        ("天水市民政局", DEPARTMENT), ("国家统计局", DEPARTMENT), ("湖南省交通运输厅", DEPARTMENT),
        ("北京市商务委员会", DEPARTMENT), ("平度市政府办公室", DEPARTMENT), ("番禺区人民政府办公室", DEPARTMENT),
        ("连平县人民政府", GOVERNMENT), ("攸县", GOVERNMENT), ("遂溪县建新镇人民政府", TOWNSHIP),
        ("对坊乡人民政府", TOWNSHIP), ("思明区嘉莲街道办事处", TOWNSHIP), ("闸弄口街道", TOWNSHIP),
        ("番禺经济技术开发区管委会", None), ("杭州高新区(滨江)财政局", DEPARTMENT),
    ],
)
def test_kind_of_body_from_the_agency_name(agency, kind):
    assert body_kind(Report(source_path="x", agency=agency)).kind == kind


def test_deadlines_by_year_and_kind():
    assert str(deadline(2018, DEPARTMENT).due) == "2019-03-31"
    assert str(deadline(2019, DEPARTMENT).due) == "2020-01-31"
    assert str(deadline(2019, GOVERNMENT).due) == "2020-03-31"
    assert deadline(2024, TOWNSHIP).statutory is False
    assert str(deadline(2024, None).latest) == "2025-03-31"


def test_seed_reports(tmp_path):
    """Seed 001 (a county bureau's 2019 report dated 2020-03-31) is the transition-year error REVIEW-SPEC §2.2 names."""
    seed_001 = flag(load_report(SEEDS / "001_262dcc4a3a2079b1.txt"), "late")
    assert seed_001.status == RAISED and seed_001.evidence["deadline"] == "2020-01-31"
    assert flag(load_report(SEEDS / "002_41b620bcb19def59.txt"), "late").status == UNCERTAIN
    assert flag(load_report(SEEDS / "004_3f21f7744e38cbd1.txt"), "missing_section") is None  # 2018: free-form


# ---- missing_section, empty_problems ----------------------------------------------------------------


def test_all_six_parts_raise_nothing(tmp_path):
    report = template_report(tmp_path, published="2023-01-20")
    assert report_flags(report) == []


def test_missing_parts_are_listed(tmp_path):
    found = flag(template_report(tmp_path, leave_out=("review_litigation", "other_matters")), "missing_section")
    assert found.evidence["missing"] == ["review_litigation", "other_matters"]
    assert "四、政府信息公开行政复议、行政诉讼情况" in found.detail and "六、其他需要报告的事项" in found.detail
    assert {"type": "problems", "heading": "四、存在的主要问题及改进情况"} in found.evidence["found"]


def test_free_form_reports_before_2019_need_no_template_parts(tmp_path):
    assert flag(template_report(tmp_path, year=2018, leave_out=("problems",)), "missing_section") is None
    assert flag(template_report(tmp_path, year=2019, leave_out=("problems",)), "missing_section") is not None


@pytest.mark.parametrize(("text", "empty"), [("无。", True), ("暂无。", True), ("无明显问题。", True),
                                             ("", True), ("暂无存在的主要问题，无改进情况。", True), (None, False)])
def test_empty_problems(tmp_path, text, empty):
    texts = {"problems": text} if text is not None else {}
    found = flag(template_report(tmp_path, texts=texts), "empty_problems")
    assert (found is not None) == empty
    if empty:
        assert found.evidence["text"] == text.strip()


# ---- old_template -----------------------------------------------------------------------------------


def test_v2019_labels_in_a_2021_report(tmp_path):
    found = flag(template_report(tmp_path, year=2021, texts={"proactive": T2_V2019}), "old_template")
    assert found.status == RAISED
    assert {"本年新制作数量", "上一年项目数量", "第二十条第九项", "政府集中采购"} <= set(found.evidence["labels"])


def test_v2019_labels_are_right_in_2019_and_2020(tmp_path):
    assert flag(template_report(tmp_path, year=2020, texts={"proactive": T2_V2019}), "old_template") is None
    assert flag(template_report(tmp_path, year=2022), "old_template") is None


def test_a_narrative_mentioning_procurement_is_no_old_template(tmp_path):
    overview = "全年公开政府集中采购信息12条，其他对外管理服务事项均已公开。"
    assert flag(template_report(tmp_path, texts={"overview": overview}), "old_template") is None


# ---- year_mismatch ----------------------------------------------------------------------------------


def test_last_years_statistics_period(tmp_path):
    preamble = "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
    found = flag(template_report(tmp_path, year=2022, preamble=preamble), "year_mismatch")
    assert found.status == RAISED
    assert found.evidence["mentions"][0]["kind"] == "period" and found.evidence["mentions"][0]["year"] == 2021


def test_the_report_named_by_another_year_in_chinese_numerals(tmp_path):
    preamble = "现将二〇二一年度政府信息公开工作年度报告公布如下。"
    assert flag(template_report(tmp_path, year=2022, preamble=preamble), "year_mismatch").status == RAISED


def test_self_references_to_an_earlier_year(tmp_path):
    twice = "2021年，我局共主动公开政府信息126条。2021年，我局未收到政府信息公开申请。"
    once = "2021年，我局共主动公开政府信息126条。"
    no_year = "我局未收取信息处理费。"
    assert flag(template_report(tmp_path, texts={"overview": twice}), "year_mismatch").status == RAISED
    found = flag(template_report(tmp_path, texts={"overview": once, "other_matters": no_year}), "year_mismatch")
    assert found.status == UNCERTAIN and found.evidence["mentions"][0]["text"].startswith("2021年，我局")
    # the report's own year spoken of as often settles it (the default part six says "2022年，我局未收取…")
    assert flag(template_report(tmp_path, texts={"overview": once}), "year_mismatch") is None


def test_comparisons_and_plans_are_no_year_mismatch(tmp_path):
    overview = "2022年，我局主动公开政府信息126条，较2021年增长12%。2023年，我局将继续加强政策解读。"
    preamble = "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
    assert flag(template_report(tmp_path, texts={"overview": overview}, preamble=preamble), "year_mismatch") is None


# ---- fee_not_reported -------------------------------------------------------------------------------


def test_fee_not_reported(tmp_path):
    found = flag(template_report(tmp_path, texts={"other_matters": "本年度无其他需要报告的事项。"}), "fee_not_reported")
    assert found.status == RAISED and "未提及信息处理费" in found.detail
    assert flag(template_report(tmp_path), "fee_not_reported") is None  # 我局未收取信息处理费


def test_fee_rule_starts_with_the_2021_reports_or_their_template(tmp_path):
    texts = {"other_matters": "本年度无其他需要报告的事项。", "proactive": T2_V2019}
    assert flag(template_report(tmp_path, year=2020, texts=texts), "fee_not_reported") is None
    in_the_new_template = {"other_matters": "本年度无其他需要报告的事项。"}
    assert flag(template_report(tmp_path, year=2020, texts=in_the_new_template, name="new.txt"), "fee_not_reported")


def test_fee_without_a_part_six_or_mentioned_elsewhere(tmp_path):
    assert flag(template_report(tmp_path, leave_out=("other_matters",)), "fee_not_reported").status == RAISED
    overview = "全年依申请提供政府信息，未收取信息处理费。"
    texts = {"overview": overview, "other_matters": "本年度无其他需要报告的事项。"}
    found = flag(template_report(tmp_path, texts=texts), "fee_not_reported")
    assert found.status == UNCERTAIN and found.evidence["mentioned_in"] == ["一、总体情况"]


# ---- missing_table, table_check: from Report.tables (issue 11) ------------------------------------


NO_T4 = "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"


def _t3(new: int, fee_unpaid: int = 0, total: int | None = None) -> str:
    """T3 with `new` requests, `fee_unpaid` of them ended by unpaid fee notices, and its 总计 row (`total`, else right)."""
    granted = new - fee_unpaid
    total = new if total is None else total
    rows = [f"一、本年新收政府信息公开申请数量 | {new} | 0 | 0 | 0 | 0 | 0 | {new} |",
            "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            f"三、本年度办理结果 | (一)予以公开 | {granted} | 0 | 0 | 0 | 0 | 0 | {granted} |"]
    if fee_unpaid:
        rows.append(f"(六)其他处理 | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | "
                    f"{fee_unpaid} | 0 | 0 | 0 | 0 | 0 | {fee_unpaid} |")
    rows += [f"(七)总计 | {total} | 0 | 0 | 0 | 0 | 0 | {total} |", "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"]
    return "\n".join(T3.split("\n")[:3] + rows)


def test_missing_tables(tmp_path):
    no_tables = {"proactive": "全年主动公开政府信息126条。", "requests": "全年收到申请3件，均已办结。", "review_litigation": NO_T4}
    assert flag(template_report(tmp_path, texts=no_tables), "missing_table").evidence["missing"] == ["t2", "t3", "t4"]
    found = flag(template_report(tmp_path, texts={"review_litigation": NO_T4}, name="no_t4.txt"), "missing_table")
    assert found.evidence["missing"] == ["t4"] and "表四" in found.detail
    assert flag(template_report(tmp_path, name="whole.txt"), "missing_table") is None
    assert flag(template_report(tmp_path, year=2018, texts=no_tables, name="old.txt"), "missing_table") is None


def test_a_refused_table_is_not_missing(tmp_path):
    report = template_report(tmp_path, texts={"review_litigation": NO_T4})
    tables = report.tables.to_json()
    report.tables = ReportTables.from_json({**tables, "refused": [{"table": "t4", "reason": "digits run together"}]})
    assert flag(report, "missing_table") is None


def test_failing_table_checks(tmp_path):
    assert flag(template_report(tmp_path), "table_check") is None
    found = flag(template_report(tmp_path, texts={"requests": _t3(3, total=4)}, name="bad.txt"), "table_check")
    failed = found.evidence["failed"]
    assert failed and {check["id"] for check in failed} >= {"T3-I1"} and "T3-I1" in found.detail
    assert all(check["status"] == "fail" for check in failed)


def test_fee_notices_in_the_table_make_a_missing_fee_statement_plain(tmp_path):
    texts = {"other_matters": "本年度无其他需要报告的事项。", "requests": _t3(4, fee_unpaid=1)}
    found = flag(template_report(tmp_path, texts=texts), "fee_not_reported")
    assert found.evidence["fee_notices_unpaid"] == 1 and "缴纳费用”为1件" in found.detail


# ---- the flag type ----------------------------------------------------------------------------------


def test_flags_have_stable_ids_labels_and_explanations(tmp_path):
    found = flag(template_report(tmp_path, year=2019, published="2020-03-31"), "late")
    assert found.to_json() == {"id": "late", "label": "逾期发布", "detail": found.detail, "status": RAISED,
                               "explanation": FLAG_TYPES["late"].explanation, "evidence": found.evidence}
    assert list(FLAG_TYPES) == ["late", "missing_section", "missing_table", "old_template", "year_mismatch",
                                "fee_not_reported", "empty_problems", "table_check", "copied", "reused"]
    with pytest.raises(ValueError, match="unknown flag id"):
        Flag("lateness", "x")
    with pytest.raises(ValueError, match="status"):
        Flag("late", "x", "maybe")


def test_flags_come_in_the_order_of_their_types(tmp_path):
    report = template_report(tmp_path, year=2022, published="2023-05-01", leave_out=("other_matters",),
                             texts={"problems": "无"}, preamble="本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。")
    ids = [found.id for found in report_flags(report)]
    assert ids == ["late", "missing_section", "year_mismatch", "fee_not_reported", "empty_problems"]


def test_a_report_built_in_code_needs_no_file():
    report = Report(source_path="x", agency="天水市民政局", year=2019, published="2020-08-14",
                    sections=[Section("overview", "一、总体情况", "2019年，我局主动公开政府信息607条。")])
    assert [found.id for found in report_flags(report)] == ["late", "missing_section", "missing_table"]
