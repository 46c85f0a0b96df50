#!/usr/bin/env python3
"""Checks that our PDF can draw TEXT: every character of TEXT is shown by the page content, with the glyph
the embedded font's own cmap gives that character, and that glyph still has outlines (components of
composite glyphs included). A subsetter that drops glyph data, or codes that point at the wrong glyph,
pass every text extraction test (the ToUnicode map says the right character): the PDF then prints
blanks, stroke fragments or other characters.

With MAX_GLYPHS it also checks that no embedded font holds more glyphs than that: that the renderer
embedded a subset of the characters the document draws, not the whole font with unused glyphs blanked
(libharu's own "subset" keeps every glyph slot, 27123 for AR PL UMing).

Usage: check_embedded_glyphs.py FILE.pdf TEXT [MAX_GLYPHS]
Exit 0 when every character is fine, 1 with one line per problem otherwise, 2 on unreadable input.
"""
import io
import re
import sys
import zlib

from fontTools.ttLib import TTFont

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
REF = rb"(\d+) 0 R"


def read_objects(pdf):
    """Object number -> (dictionary bytes, stream bytes or None), from an uncompressed-xref libharu file."""
    objects = {}
    for match in OBJECT.finditer(pdf):
        body = match.group(2)
        stream = None
        at = body.find(b"stream")
        if at >= 0:
            start = at + len(b"stream")
            if body[start:start + 2] == b"\r\n":
                start += 2
            elif body[start:start + 1] in (b"\n", b"\r"):
                start += 1
            stream = body[start:]
            body = body[:at]
        objects[int(match.group(1))] = (body, stream)
    return objects


def stream_data(objects, number):
    body, raw = objects[number]
    length = re.search(rb"/Length\s+(?:" + REF + rb"|(\d+))", body)
    if length.group(1):
        size = int(objects[int(length.group(1))][0].strip())
    else:
        size = int(length.group(2))
    raw = raw[:size]
    if b"/FlateDecode" in body:
        return zlib.decompressobj().decompress(raw)
    return raw


def ref(body, key):
    match = re.search(rb"/" + key + rb"\s+" + REF, body)
    return int(match.group(1)) if match else None


class EmbeddedFont:
    """A Type0 font of the PDF: its name, its CID -> GID map, its CID -> character map (ToUnicode) and its
    embedded TrueType program."""

    def __init__(self, objects, number):
        body = objects[number][0]
        self.name = re.search(rb"/BaseFont\s*/([^\s/>]+)", body).group(1).decode("latin-1")
        descendant = int(re.search(rb"/DescendantFonts\s*\[\s*" + REF, body).group(1))
        cid_font = objects[descendant][0]
        gid_map = ref(cid_font, b"CIDToGIDMap")
        self.cid_to_gid = stream_data(objects, gid_map) if gid_map else None
        self.to_unicode = {}
        unicode_map = ref(body, b"ToUnicode")
        if unicode_map is not None:
            cmap = stream_data(objects, unicode_map)
            for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
                for cid, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
                    self.to_unicode[int(cid, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
        descriptor = objects[ref(cid_font, b"FontDescriptor")][0]
        program = ref(descriptor, b"FontFile2")
        if program is None:
            raise ValueError(f"font {self.name} is not embedded")
        self.font = TTFont(io.BytesIO(stream_data(objects, program)), lazy=False)
        self.glyf = self.font["glyf"]
        self.order = self.font.getGlyphOrder()
        self.cmap = self.font.getBestCmap() if "cmap" in self.font else None

    def char(self, cid):
        """The character code `cid` shows: from ToUnicode, else the code itself (a Unicode-coded font)."""
        return self.to_unicode.get(cid, chr(cid))

    def gid(self, cid):
        if self.cid_to_gid is None:
            return cid
        return int.from_bytes(self.cid_to_gid[2 * cid:2 * cid + 2], "big")

    def has_outline(self, gid, depth=0):
        if gid == 0 or gid >= len(self.order) or depth > 8:
            return False
        glyph = self.glyf[self.order[gid]]
        if glyph.isComposite():
            return all(self.has_outline(self.font.getGlyphID(c.glyphName), depth + 1) for c in glyph.components)
        return glyph.numberOfContours > 0

    def glyph_for(self, char):
        """The glyph id the font's own cmap gives `char`, or None without a cmap."""
        if self.cmap is None or ord(char) not in self.cmap:
            return None
        return self.font.getGlyphID(self.cmap[ord(char)])


def shown_characters(objects, fonts):
    """(character, font) for every character the pages show, from their content streams."""
    shown = []
    for number, (body, _) in objects.items():
        if not re.search(rb"/Type\s*/Page\b", body):
            continue
        resources = {}
        scope = body
        indirect = ref(body, b"Resources")
        if indirect is not None:
            scope += objects[indirect][0]
        for name, font in re.findall(rb"/(\w+)\s+" + REF, scope):
            if int(font) in fonts:
                resources[name] = fonts[int(font)]
        contents = ref(body, b"Contents")
        if contents is None:
            continue
        current = None
        for token in re.finditer(rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj", stream_data(objects, contents)):
            if token.group(1):
                current = resources.get(token.group(1))
            elif current is not None:
                hexdigits = token.group(2)
                for i in range(0, len(hexdigits), 4):
                    cid = int(hexdigits[i:i + 4], 16)
                    shown.append((current.char(cid), current, cid))
    return shown


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        pdf = f.read()
    objects = read_objects(pdf)
    fonts = {}
    for number, (body, _) in objects.items():
        if re.search(rb"/Subtype\s*/Type0", body):
            fonts[number] = EmbeddedFont(objects, number)
    if not fonts:
        print("no Type0 font in the PDF", file=sys.stderr)
        return 2
    shown = shown_characters(objects, fonts)
    problems = []
    checked = set()
    for char, font, cid in shown:
        if char.isspace() or (char, font.name) in checked:
            continue
        checked.add((char, font.name))
        gid = font.gid(cid)
        if not font.has_outline(gid):
            problems.append(f"{char} U+{ord(char):04X}: glyph {gid} of {font.name} has no outline in the PDF")
        expected = font.glyph_for(char)
        if expected is not None and expected != gid:
            problems.append(f"{char} U+{ord(char):04X}: shown with glyph {gid} of {font.name}, its cmap says {expected}")
    drawn = {char for char, _, _ in shown}
    for char in sys.argv[2]:
        if not char.isspace() and char not in drawn:
            problems.append(f"{char} U+{ord(char):04X}: not shown on any page")
    if len(sys.argv) == 4:
        for font in fonts.values():
            if len(font.order) > int(sys.argv[3]):
                problems.append(f"{font.name} holds {len(font.order)} glyphs, more than {sys.argv[3]}")
    for line in problems:
        print(line)
    print(f"{len(checked)} glyphs checked in {len(fonts)} fonts, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
