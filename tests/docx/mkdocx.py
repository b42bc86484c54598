#!/usr/bin/env python3
"""mkdocx.py: writes small Word (.docx) files as OOXML, for accord's tests.

    python3 mkdocx.py OUTDIR            every fixture of FIXTURES into OUTDIR
    python3 mkdocx.py --tracked BASE CONTRIB AUTHOR OUT.docx
                                        BASE marked up as CONTRIB, as tracked changes by AUTHOR
    python3 mkdocx.py --unglue BASE CONTRIB AUTHOR OUT.docx
                                        the same, a flattened CONTRIB's glued words taken apart

A paragraph is a dict: style (a style id: Heading1, Title), num ((numId, ilvl)), mark
(('ins'|'del', author): a paragraph-mark revision), runs (a list of pieces):
  'text'                              plain text (a tab inside it is written as w:tab)
  ('ins'|'del', author, [pieces])     a tracked insertion or deletion
  ('moveFrom'|'moveTo', author, name, [pieces])
  ('link', [pieces])                  a hyperlink          ('sdt', [pieces])  a content control
  ('field', instr, result)            a complex field (instructions are not text)
  ('delfield', author, instr, result) a deleted field (w:delInstrText)
  ('fn', id)                          a footnote reference
  ('cstart', id) ('cend', id)         a comment's range
  ('fmt', author, text)               text with a formatting-only change (w:rPrChange)
Only the standard library is used (zipfile); nothing here is a general writer.
"""
import difflib
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
DATE = '2026-12-01T10:00:00Z'

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
</Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>'''
DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>
</Relationships>'''
STYLES = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListLetter"><w:name w:val="List Letter"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>'''

# numId 1: 1. a) (i); numId 2: a) 1. ; numId 3: "(%1)" upper roman starting at 4; numId 4: bullets;
# numId 5: numId 1's list restarted at 1 (a startOverride); numId 6: numId 2's, restarted.
NUMBERING = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="10">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="20">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="30">
<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="(%1)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="40">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="40"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>'''

_rev = [0]


def rid():
    _rev[0] += 1
    return _rev[0]


def t_run(text, deleted=False, rpr=''):
    """Runs for text: tabs as w:tab, the rest as w:t (w:delText when deleted)."""
    tag = 'w:delText' if deleted else 'w:t'
    out = []
    for i, part in enumerate(text.split('\t')):
        if i > 0:
            out.append(f'<w:r>{rpr}<w:tab/></w:r>')
        if part:
            out.append(f'<w:r>{rpr}<{tag} xml:space="preserve">{escape(part)}</{tag}></w:r>')
    return ''.join(out)


def pieces(items, deleted=False):
    out = []
    for p in items:
        if isinstance(p, str):
            out.append(t_run(p, deleted))
            continue
        kind = p[0]
        if kind in ('ins', 'del'):
            out.append(f'<w:{kind} w:id="{rid()}" w:author="{escape(p[1])}" w:date="{DATE}">'
                       f'{pieces(p[2], deleted or kind == "del")}</w:{kind}>')
        elif kind in ('moveFrom', 'moveTo'):
            i = rid()
            out.append(f'<w:{kind}RangeStart w:id="{i}" w:author="{escape(p[1])}" w:date="{DATE}" w:name="{p[2]}"/>'
                       f'<w:{kind} w:id="{rid()}" w:author="{escape(p[1])}" w:date="{DATE}">'
                       f'{pieces(p[3], deleted or kind == "moveFrom")}</w:{kind}><w:{kind}RangeEnd w:id="{i}"/>')
        elif kind == 'link':
            out.append(f'<w:hyperlink r:id="rId9">{pieces(p[1], deleted)}</w:hyperlink>')
        elif kind == 'sdt':
            out.append(f'<w:sdt><w:sdtPr><w:alias w:val="control"/></w:sdtPr><w:sdtContent>{pieces(p[1], deleted)}'
                       '</w:sdtContent></w:sdt>')
        elif kind == 'field':
            out.append('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                       f'<w:r><w:instrText xml:space="preserve">{escape(p[1])}</w:instrText></w:r>'
                       '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                       f'{t_run(p[2])}<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        elif kind == 'delfield':
            a = f'w:author="{escape(p[1])}" w:date="{DATE}"'
            out.append(f'<w:del w:id="{rid()}" {a}><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                       f'<w:r><w:delInstrText xml:space="preserve">{escape(p[2])}</w:delInstrText></w:r>'
                       '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                       f'{t_run(p[3], True)}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:del>')
        elif kind == 'fn':
            out.append(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                       f'<w:footnoteReference w:id="{p[1]}"/></w:r>')
        elif kind == 'cstart':
            out.append(f'<w:commentRangeStart w:id="{p[1]}"/>')
        elif kind == 'cend':
            out.append(f'<w:commentRangeEnd w:id="{p[1]}"/><w:r><w:commentReference w:id="{p[1]}"/></w:r>')
        elif kind == 'fmt':
            rpr = (f'<w:rPr><w:b/><w:rPrChange w:id="{rid()}" w:author="{escape(p[1])}" w:date="{DATE}">'
                   '<w:rPr/></w:rPrChange></w:rPr>')
            out.append(t_run(p[2], deleted, rpr))
        else:
            raise ValueError(kind)
    return ''.join(out)


def paragraph(p):
    if isinstance(p, str):
        p = {'runs': [p]}
    if 'table' in p:
        rows = ''.join('<w:tr>' + ''.join(f'<w:tc>{paragraph(c)}</w:tc>' for c in row) + '</w:tr>'
                       for row in p['table'])
        return f'<w:tbl><w:tblPr/>{rows}</w:tbl>'
    ppr = ''
    if p.get('style'):
        ppr += f'<w:pStyle w:val="{p["style"]}"/>'
    if p.get('num'):
        ppr += f'<w:numPr><w:ilvl w:val="{p["num"][1]}"/><w:numId w:val="{p["num"][0]}"/></w:numPr>'
    if p.get('pprchange'):
        ppr += (f'<w:pPrChange w:id="{rid()}" w:author="{escape(p["pprchange"])}" w:date="{DATE}">'
                '<w:pPr/></w:pPrChange>')
    if p.get('mark'):
        kind, author = p['mark']
        ppr += f'<w:rPr><w:{kind} w:id="{rid()}" w:author="{escape(author)}" w:date="{DATE}"/></w:rPr>'
    return f'<w:p>{"<w:pPr>" + ppr + "</w:pPr>" if ppr else ""}{pieces(p.get("runs", []))}</w:p>'


def write_docx(path, paras, footnotes=None, comments=None, extra=None):
    body = ''.join(paragraph(p) for p in paras)
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr/></w:body></w:document>')
    fns = ''.join(f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{t_run(" " + text)}</w:p></w:footnote>'
                  for i, text in (footnotes or {}).items())
    fn_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
              '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
              f'</w:footnote>{fns}</w:footnotes>')
    cms = ''.join(f'<w:comment w:id="{i}" w:author="{escape(a)}" w:date="{DATE}" w:initials="X">'
                  f'<w:p>{t_run(text)}</w:p></w:comment>' for i, (a, text) in (comments or {}).items())
    cm_xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}">{cms}</w:comments>'
    parts = {'[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS, 'word/_rels/document.xml.rels': DOC_RELS,
             'word/document.xml': doc, 'word/styles.xml': STYLES, 'word/numbering.xml': NUMBERING,
             'word/footnotes.xml': fn_xml, 'word/comments.xml': cm_xml}
    parts.update(extra or {})
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if data is not None:
                z.writestr(name, data)


# ---- tracked changes from a diff: BASE marked up as CONTRIB ------------------------------------------

def words(s):
    return re.findall(r'\s+|[^\s]+', s)


def tracked_paragraph(old, new, author, unglue):
    """One paragraph's runs: the word diff of old and new as w:del/w:ins."""
    a, b = words(old), words(new)
    runs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == 'equal':
            runs.append(''.join(a[i1:i2]))
            continue
        gone, added = ''.join(a[i1:i2]), ''.join(b[j1:j2])
        # a flattened contribution glues an inserted word to the base word it replaced
        # ("paragrapharticle"): the real change is the insertion alone, the base word deleted
        if unglue and gone.strip() and added.endswith(gone) and len(added) > len(gone) and \
                not added[-len(gone) - 1].isspace():
            runs.append(('ins', author, [added[:-len(gone)]]))
            runs.append(('del', author, [gone]))
            continue
        if gone:
            runs.append(('del', author, [gone]))
        if added:
            runs.append(('ins', author, [added]))
    return runs


def tracked(base_text, contrib_text, author, unglue=False):
    """The paragraphs of base_text marked up as contrib_text (one line a paragraph); with unglue,
    glued words of a flattened contribution are taken apart again."""
    old = [l for l in base_text.split('\n') if l.strip()]
    new = [l for l in contrib_text.split('\n') if l.strip()]
    paras = []
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == 'equal':
            paras.extend(old[i1:i2])
            continue
        # pair each new line with the most similar old line still ahead (in order); old lines left
        # out are deleted paragraphs, new lines without a pair inserted ones
        i = i1
        for j in range(j1, j2):
            best, best_ratio = None, 0.5
            for k in range(i, i2):
                r = difflib.SequenceMatcher(None, old[k], new[j], autojunk=False).ratio()
                if r > best_ratio:
                    best, best_ratio = k, r
            if best is None:
                paras.append({'runs': [('ins', author, [new[j]])], 'mark': ('ins', author)})
                continue
            for k in range(i, best):
                paras.append({'runs': [('del', author, [old[k]])], 'mark': ('del', author)})
            paras.append({'runs': tracked_paragraph(old[best], new[j], author, unglue)})
            i = best + 1
        for k in range(i, i2):
            paras.append({'runs': [('del', author, [old[k]])], 'mark': ('del', author)})
    return paras


# ---- the fixtures ------------------------------------------------------------------------------

# Each: (paragraphs, footnotes, comments, the same content as plain text or None)
FIXTURES = {
    # structure: headings, numbered and lettered lists, a footnote; same-content text beside it
    'structure': ([
        {'style': 'Heading1', 'runs': ['Introduction']},
        'This is the first paragraph.',
        {'num': (1, 0), 'runs': ['first item']},
        {'num': (1, 0), 'runs': ['second item']},
        {'num': (1, 1), 'runs': ['a sub item']},
        {'num': (1, 1), 'runs': ['another sub item']},
        {'num': (1, 2), 'runs': ['a roman item']},
        {'num': (1, 0), 'runs': ['third item']},
        {'style': 'Heading2', 'runs': ['Details']},
        {'runs': ['A paragraph with a note.', ('fn', 1)]},
        {'num': (3, 0), 'runs': ['fourth, in upper roman']},
        {'num': (4, 0), 'runs': ['a bullet']},
        {'num': (5, 0), 'runs': ['restarted at one']},
    ], {1: 'The note text.'}, None,
        '# Introduction\n\nThis is the first paragraph.\n\n1. first item\n\n2. second item\n\n'
        'a) a sub item\n\nb) another sub item\n\n(i) a roman item\n\n3. third item\n\n# Details\n\n'
        'A paragraph with a note.[footnoteRef:1]\n\n(IV) fourth, in upper roman\n\n\u2022 a bullet\n\n'
        '1. restarted at one\n\n[1: The note text.]\n'),
    # the opinion layout: a body line, headings from the vocabulary, lettered paragraphs from a style
    'opinion': ([
        'The Forum,',
        'recognizing',
        {'style': 'ListLetter', 'runs': ['that one thing is true;']},
        {'style': 'ListLetter', 'runs': ['that another is true,']},
        'invites Member States',
        {'num': (6, 0), 'runs': ['to act.']},
    ], None, None,
        'The Forum,\n\trecognizing\na)\tthat one thing is true;\nb)\tthat another is true,\n'
        '\tinvites Member States\na)\tto act.\n'),
    # tracked insertions and deletions by two authors, a formatting-only change, a deleted field
    'tracked': ([
        'recognizing',
        {'num': (2, 0), 'runs': ['that the ', ('del', 'USA', ['old']), ('ins', 'USA', ['new']), ' text stands;']},
        {'num': (2, 0), 'runs': ['that ', ('ins', 'Iran', ['all ']), 'states ', ('fmt', 'USA', 'matter'), ';']},
        {'num': (2, 0), 'runs': ['that fields ', ('field', ' PAGE ', '7'), ' show their result',
                                 ('delfield', 'USA', ' DATE ', ' 2013'), '.']},
    ], None, None, None),
    # tracked changes and comments: on a changed paragraph, on a new one, on one left alone
    'commented': ([
        'recognizing',
        {'num': (2, 0), 'runs': ['that the ', ('del', 'USA', ['old']), ('cstart', 1), ('ins', 'USA', ['new']),
                                 ('cend', 1), ' text stands;']},
        {'num': (2, 0), 'runs': [('cstart', 2), ('ins', 'USA', ['that a new paragraph comes;']), ('cend', 2)],
         'mark': ('ins', 'USA')},
        {'num': (2, 0), 'runs': ['that ', ('cstart', 3), 'states', ('cend', 3), ' matter;']},
    ], None, {1: ('Secretariat', 'US: because it is new'), 2: ('Norway', 'Why this paragraph?'),
              3: ('A Clerk', 'A general remark')}, None),
    # a deleted numbered paragraph does not advance the numbering; an inserted one does
    'deleted-item': ([
        'recognizing',
        {'num': (2, 0), 'runs': ['that one;']},
        {'num': (2, 0), 'runs': [('del', 'USA', ['that two;'])], 'mark': ('del', 'USA')},
        {'num': (2, 0), 'runs': ['that three;']},
        {'num': (2, 0), 'runs': [('ins', 'USA', ['that four;'])], 'mark': ('ins', 'USA')},
    ], None, None, None),
    # a paragraph split and a join made with tracking on
    'split-join': ([
        'recognizing',
        {'num': (2, 0), 'runs': ['that the first half'], 'mark': ('ins', 'USA')},
        {'num': (2, 0), 'runs': ['that the second half;']},
        {'num': (2, 0), 'runs': ['that these are'], 'mark': ('del', 'IRN')},
        {'num': (2, 0), 'runs': [' joined;']},
    ], None, None, None),
    # a move, read as one MOVE
    'move': ([
        'recognizing',
        {'num': (2, 0), 'runs': ['that ', ('moveFrom', 'USA', 'm1', ['moved words ']), 'stay here;']},
        {'num': (2, 0), 'runs': ['that the words go ', ('moveTo', 'USA', 'm1', ['moved words ']), 'there;']},
    ], None, None, None),
    # content controls and hyperlinks, inside and around insertions
    'sdt-link': ([
        'recognizing',
        {'num': (2, 0), 'runs': ['that ', ('sdt', ['controlled text']), ' is read;']},
        {'num': (2, 0), 'runs': ['that ', ('ins', 'USA', [('link', ['an inserted link'])]), ' counts;']},
        {'num': (2, 0), 'runs': ['that ', ('link', ['a link with ', ('ins', 'USA', ['an insertion'])]), ' counts;']},
    ], None, None, None),
    # comments, one attributed to a party
    'comments': ([
        'recognizing',
        {'num': (2, 0), 'runs': ['that ', ('cstart', 1), 'authorized', ('cend', 1), ' bodies act;']},
        {'num': (2, 0), 'runs': [('cstart', 2), 'that the whole section is unclear;', ('cend', 2)],
         'pprchange': 'Norway'},
    ], None, {1: ('Secretariat', "US: Delete 'authorized'"), 2: ('Jane Roe', 'Norway: whole section lacks clarity')},
        None),
    # two authors who are roster parties (by code, and by name), and one who is not
    'two-authors': ([
        'recognizing',
        {'num': (2, 0), 'runs': ['that the ', ('del', 'USA', ['old']), ('ins', 'USA', ['new']), ' text stands;']},
        {'num': (2, 0), 'runs': ['that ', ('ins', 'Islamic Republic of Iran', ['all ']), 'states matter;']},
        {'num': (2, 0), 'runs': ['that ', ('del', 'J. Smith', ['some ']), 'words go;']},
    ], None, None, None),
    # a table: read as paragraphs, with a warning
    'table': ([
        {'style': 'Heading1', 'runs': ['Table']},
        {'table': [['cell one', 'cell two'], ['cell three', 'cell four']]},
        'After the table.',
    ], None, None, None),
}


def main(argv):
    if len(argv) == 6 and argv[1] in ('--tracked', '--unglue'):
        with open(argv[2], encoding='utf-8') as f:
            base = f.read()
        with open(argv[3], encoding='utf-8') as f:
            contrib = f.read()
        write_docx(argv[5], tracked(base, contrib, argv[4], argv[1] == '--unglue'))
        return 0
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    for name, (paras, fns, cms, text) in FIXTURES.items():
        write_docx(os.path.join(out, name + '.docx'), paras, fns, cms)
        if text is not None:
            with open(os.path.join(out, name + '.txt'), 'w', encoding='utf-8') as f:
                f.write(text)
    # bad inputs
    write_docx(os.path.join(out, 'no-document.docx'), [], extra={'word/document.xml': None})
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
    write_docx(os.path.join(out, 'billion-laughs.docx'), [], extra={'word/document.xml': lol})
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    write_docx(os.path.join(out, 'external-entity.docx'), [], extra={'word/document.xml': xxe})
    write_docx(os.path.join(out, 'malformed.docx'), [], extra={'word/document.xml': '<w:document><w:body>'})
    with zipfile.ZipFile(os.path.join(out, 'zip-bomb.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('word/document.xml', ' ' * (80 * 1024 * 1024))
    with zipfile.ZipFile(os.path.join(out, 'ratio-bomb.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('word/document.xml', f'<w:document xmlns:w="{W}"><w:body>' + ' ' * (8 * 1024 * 1024) +
                   '</w:body></w:document>')
    with open(os.path.join(out, 'encrypted.docx'), 'wb') as f:
        f.write(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 504)
    with open(os.path.join(out, 'not-a-zip.docx'), 'wb') as f:
        f.write(b'PK\x03\x04 this is not really a zip file at all\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
