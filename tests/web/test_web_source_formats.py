"""The source view for Word and PDF reports and for pages read from their attachment: the exact bytes
for download, the extracted text to read, both under the sandbox headers; the report page links them."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from format_fixtures import SEED, report_blocks, write_docx, write_linking_pair, write_pdf
from search import build_index
from web import create_app

SANDBOX = "sandbox; default-src 'none'"


@pytest.fixture(scope="module")
def formats_site(tmp_path_factory):
    """An index of a PDF, a .docx and a page that links its report, and a client of the app over it."""
    root = tmp_path_factory.mktemp("formats-site")
    blocks = report_blocks(SEED.read_text(encoding="utf-8"))
    (root / "documents").mkdir()
    (root / "linked").mkdir()
    files = {
        "pdf": write_pdf(blocks, root / "documents" / "report.pdf"),
        "docx": write_docx(blocks, root / "documents" / "报告.docx"),
    }
    files["page"], files["attachment"] = write_linking_pair(root / "linked")
    summary = build_index([root / "documents", root / "linked"], root / "index")
    assert (summary.reports, summary.failed) == (3, [])
    client = create_app({"index_dir": root / "index", "TESTING": True}).test_client()
    ids = {Path(hit["source_path"]).name: hit["report_id"] for hit in client.get("/api/search").json["hits"]}
    return client, files, {kind: ids[Path(path).name] for kind, path in files.items() if kind != "attachment"}


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_download_of_a_document_is_its_exact_bytes(formats_site, kind):
    client, files, ids = formats_site
    response = client.get(f"/reports/{ids[kind]}/source?download=1")
    assert response.status_code == 200
    assert response.data == files[kind].read_bytes()
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Security-Policy"] == SANDBOX


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_text_view_of_a_document_is_the_extracted_text(formats_site, kind):
    client, _, ids = formats_site
    response = client.get(f"/reports/{ids[kind]}/source")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Security-Policy"] == SANDBOX
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Nianbao-Source-Extracted-From"] == kind
    text = response.data.decode("utf-8")
    assert "榕江县民政局2019年政府信息公开工作年度报告" in text and "一、概述" in text
    assert "%PDF" not in text and "PK" not in text[:2]


def test_report_page_links_the_extracted_text_and_the_download(formats_site):
    client, _, ids = formats_site
    soup = BeautifulSoup(client.get(f"/reports/{ids['pdf']}").data, "html.parser")
    assert soup.select_one("#source-file-link").text == "查看（提取的文本）"
    assert soup.select_one("#attachment-link") is None


def test_a_linking_page_serves_itself_and_its_attachment(formats_site):
    client, files, ids = formats_site
    soup = BeautifulSoup(client.get(f"/reports/{ids['page']}").data, "html.parser")
    assert soup.select_one("#source-file-link").text == "查看（纯文本）"
    assert "榕江县民政局2019年年报.pdf" in soup.get_text()
    page_text = client.get(f"/reports/{ids['page']}/source")
    assert "详见附件" in page_text.data.decode("utf-8") and page_text.headers["X-Nianbao-Source-Encoding"] == "gb18030"
    attachment = client.get(soup.select_one("#attachment-link")["href"])
    assert attachment.headers["X-Nianbao-Source-Extracted-From"] == "pdf" and "一、概述" in attachment.data.decode("utf-8")
    download = client.get(f"/reports/{ids['page']}/source?part=attachment&download=1")
    assert download.data == files["attachment"].read_bytes()
    assert download.headers["Content-Security-Policy"] == SANDBOX
    assert "filename*=UTF-8''" in download.headers["Content-Disposition"]  # the GBK file name, readable


def test_part_attachment_of_a_report_without_one_is_404(formats_site):
    client, _, ids = formats_site
    assert client.get(f"/reports/{ids['pdf']}/source?part=attachment").status_code == 404
