"""Files that cost far more to read than their size: built in the tests, never stored in the repo.

A DOCX is a zip archive whose `word/document.xml` may inflate a thousandfold (issue 17: 62-184 KB
files inflating to 20-190 MB held a server worker for 30 s and up to 3.7 GB); a PDF's content
stream likewise.
"""

import io
import zipfile
import zlib

import docx

PARAGRAPH = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"


def _template() -> zipfile.ZipFile:
    out = io.BytesIO()
    docx.Document().save(out)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def docx_file(body_chunks, *, extra_parts: int = 0) -> bytes:
    """A DOCX whose body is the XML `body_chunks` yields (written as it comes, so that the test
    never holds the inflated document), with `extra_parts` more parts in the archive."""
    template = _template()
    head, tail = template.read("word/document.xml").split(b"<w:body>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in template.infolist():
            if part.filename != "word/document.xml":
                archive.writestr(part.filename, template.read(part.filename))
                continue
            with archive.open("word/document.xml", "w") as document:
                document.write(head + b"<w:body>")
                for chunk in body_chunks:
                    document.write(chunk)
                document.write(tail)
        for number in range(extra_parts):
            archive.writestr(f"extra/part{number}.xml", b"<x/>")
    return out.getvalue()


def docx_bomb(inflated: int) -> bytes:
    """A DOCX of one letter a paragraph, `inflated` bytes of XML: a few hundred times smaller."""
    chunk = PARAGRAPH * (1024 * 1024 // len(PARAGRAPH))
    return docx_file(chunk for _ in range(inflated // len(chunk)))


def docx_costly(paragraphs: int) -> bytes:
    """A DOCX within the archive limits (ratio about 10) whose paragraphs all differ: costly to
    parse, as a long real text is."""
    return docx_file(
        b"<w:p><w:r><w:t>Paragraph %d of the report on cooperation %x.</w:t></w:r></w:p>"
        % (number, number * 2654435761 % 2**32)
        for number in range(paragraphs)
    )


def pdf_with_stream(inflated: int) -> bytes:
    """A PDF of one page whose content stream inflates to `inflated` bytes of text operators."""
    line = b"BT /F1 12 Tf 72 712 Td (Ratification) Tj ET\n"
    chunk = line * (1024 * 1024 // len(line))
    compressor = zlib.compressobj(9)
    stream = b"".join(compressor.compress(chunk) for _ in range(max(1, inflated // len(chunk))))
    stream += compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
