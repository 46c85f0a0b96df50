#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target (fuzz/README.md): the wire examples of devices/PROTOCOLS.md and the
demo cards of ywtb-devsim, as the bytes a device sends. Run it from anywhere after changing a protocol; the
files it writes are checked in. The people are the simulator's fictitious demo cards."""

import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def xor(data):
    x = 0
    for b in data:
        x ^= b
    return x


def frame(command, payload=b""):
    """A5 5A | LEN | CMD | payload | CHK (PROTOCOLS.md "The A5 5A framing")."""
    body = bytes([len(payload) + 1, command]) + payload
    return b"\xa5\x5a" + body + bytes([xor(body)])


def sam_answer(sw3, data=b""):
    """AA AA AA 96 69 | LEN (2) | 00 00 SW3 | data | CHK (PROTOCOLS.md "Framing")."""
    body = bytes([0, 0, sw3]) + data
    length = len(body) + 1
    head = bytes([length >> 8, length & 0xFF])
    return b"\xaa\xaa\xaa\x96\x69" + head + body + bytes([xor(head + body)])


def sam_command(cmd, para):
    head_body = bytes([0, 3, cmd, para])
    return b"\xaa\xaa\xaa\x96\x69" + head_body + bytes([xor(head_body)])


def u16(v):
    return bytes([v >> 8 & 0xFF, v & 0xFF])


def u32(v):
    return u16(v >> 16) + u16(v & 0xFFFF)


def field(text, size):
    out = text.encode("utf-16-le")[:size]
    return out + b" \x00" * ((size - len(out)) // 2)


SIZES = [30, 2, 4, 16, 70, 36, 30, 16, 16, 36]  # devices/idcard/id_card.h idcard_text
CARDS = {  # tools/devsim/idcard_simulator.cpp demoCards()
    "zhang": ["张三", "1", "01", "19900307", "上海市黄浦区人民大道200号", "310101199003072313", "上海市公安局黄浦分局", "20150601", "20350601", ""],
    "li": ["李四", "2", "01", "19851112", "上海市徐汇区漕溪北路336号", "310104198511124823", "上海市公安局徐汇分局", "20100315", "20300315", ""],
    "wang": ["王小明", "1", "03", "19520720", "上海市浦东新区世纪大道100号", "310115195207206539", "上海市公安局浦东分局", "20120101", "长期", ""],
    "badcheck": ["赵五", "1", "01", "19900307", "上海市黄浦区人民大道200号", "310101199003072314", "上海市公安局黄浦分局", "20150601", "20350601", ""],
}
PHOTO = bytes(range(256)) * 4  # stands in for the 1024-byte WLT photo


def card_text(key):
    text = b"".join(field(v, n) for v, n in zip(CARDS[key], SIZES))
    assert len(text) == 256
    return text


def pen(command, x, y, pressure, ms):
    return frame(command, u16(x) + u16(y) + u16(pressure) + u32(ms))


def seeds():
    read_zhang = sam_answer(0x90, u16(256) + u16(1024) + card_text("zhang") + PHOTO)
    yield "fuzz_sam_frame", {
        "commands": sam_command(0x10, 0xFF) + sam_command(0x20, 0x01) + sam_command(0x20, 0x02) + sam_command(0x30, 0x01),
        "find_ok": sam_answer(0x9F, bytes(4)),
        "find_failed": sam_answer(0x80, bytes(4)),
        "select_ok": sam_answer(0x90, bytes(8)),
        "not_authorised": sam_answer(0x66),
        "read_ok": read_zhang,
        "noise_then_find": bytes(range(16)) + b"\xaa\xaa" + sam_answer(0x9F, bytes(4)),
        "bad_checksum_then_select": sam_answer(0x90, bytes(8))[:-1] + b"\x00" + sam_answer(0x90, bytes(8)),
        "oversize_then_find": b"\xaa\xaa\xaa\x96\x69\xff\xf0" + sam_answer(0x9F, bytes(4)),
    }
    yield "fuzz_id_card_text", {key: card_text(key) + PHOTO for key in CARDS}

    rating = {
        "rate_ack": frame(0x90, u16(1) + b"\x00"),
        "busy": frame(0x90, u16(2) + b"\x01"),
        "heartbeat": frame(0x80, b"\x01"),
        "result": frame(0xA0, u16(1) + bytes([4, 2, 1, 3])),
        "bad_rating": frame(0xA0, u16(1) + bytes([2, 1, 3])),
        "not_rated": frame(0xA1, u16(1)),
        "cancel_ack": frame(0x91, u16(1)),
    }
    rating["exchange"] = rating["rate_ack"] + rating["heartbeat"] * 2 + rating["result"]
    rating["damaged_ack_then_result"] = rating["rate_ack"][:-1] + b"\x00" + bytes(range(16)) + rating["result"]
    yield "fuzz_rating_keypad", rating

    info = frame(0xB3, u16(2000) + u16(800) + u16(1023))
    strokes = pen(0xC0, 100, 100, 500, 0) + pen(0xC1, 400, 200, 800, 10) + pen(0xC2, 400, 200, 0, 20)
    signature = {
        "exchange": info + frame(0xB0, b"\x30\x00") + strokes + frame(0x80) + frame(0xC3),
        "cleared": info + strokes + frame(0xC4) + pen(0xC0, 10, 10, 100, 30) + frame(0xC3),
        "move_without_down": info + pen(0xC1, 5, 6, 7, 8) + pen(0xC1, 2001, 5, 7, 9) + frame(0xC3),
        "pen_still_down": info + pen(0xC0, 1, 2, 3, 4) + frame(0xC3),
    }
    yield "fuzz_signature_pad", signature

    yield "fuzz_scan_helper_answer", helper_answers()

    yield "fuzz_device_frame", {
        "heartbeat": frame(0x80, b"\x00"),
        "rating_exchange": rating["exchange"],
        "signature_exchange": signature["exchange"],
        "longest": frame(0x30, bytes(range(249))),
        "noise_and_damage": bytes(range(16)) + b"\xa5\x5a\xff" + b"\xa5\x5a\x00" + rating["rate_ack"][:-1] + b"\x01" + frame(0x80),
    }


def helper_answers():
    """Answers of ywtb-scan-helper (devices/scanner/sane_helper_protocol.h), each after the byte that makes
    fuzz_scan_helper_answer read it as that kind: little-endian numbers, strings as a u32 length and bytes."""
    import struct

    def text(v):
        b = v.encode()
        return struct.pack("<I", len(b)) + b

    def option(index, name, title, type_, unit, strings=(), words=(), rng=None):
        out = struct.pack("<i", index) + text(name) + text(title) + bytes([type_, unit, 1, 1])
        out += struct.pack("<I", len(strings)) + b"".join(text(x) for x in strings)
        out += struct.pack("<I", len(words)) + b"".join(struct.pack("<d", w) for w in words)
        out += b"\x01" + struct.pack("<ddd", *rng) if rng else b"\x00"
        return out

    device = lambda n: text(n) + text("Noname") + text("frontend-tester") + text("virtual device")
    options = [option(1, "mode", "Scan mode", 3, 0, strings=("Gray", "Color")),
               option(2, "resolution", "Scan resolution", 2, 4, words=(75.0, 150.0, 300.0)),
               option(3, "tl-x", "Top-left x", 2, 3, rng=(0.0, 200.0, 0.0))]
    return {
        "devices": b"\x00" + struct.pack("<iI", 0, 2) + device("test:0") + device("test:1"),
        "options": b"\x01" + struct.pack("<I", len(options)) + b"".join(options),
        "parameters": b"\x02" + struct.pack("<i", 0) + bytes([1, 1]) + struct.pack("<iiii", 7086, 2362, 2362, 8),
        "read": b"\x03" + struct.pack("<iI", 0, 262144),
        "read_eof": b"\x03" + struct.pack("<iI", 5, 0),
        "status_good": b"\x04" + struct.pack("<i", 0),
        "status_no_docs": b"\x04" + struct.pack("<i", 7),
    }


def main():
    # The hex examples of PROTOCOLS.md, so that the seeds cannot drift from the document.
    assert frame(0x80, b"\x00").hex() == "a55a028000" + "82"
    assert frame(0xA0, u16(1) + bytes([4, 2, 1, 3])).hex() == "a55a07a0000104020103a2"
    assert pen(0xC1, 400, 200, 800, 10).hex() == "a55a0bc1019000c803200000000aba"
    assert sam_answer(0x9F, bytes(4)).hex() == "aaaaaa9669000800009f0000000097"
    assert sam_command(0x30, 0x01).hex() == "aaaaaa96690003300132"
    for target, files in seeds():
        folder = HERE / target
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.bin"):
            old.unlink()
        for name, data in files.items():
            (folder / f"{name}.bin").write_bytes(data)


if __name__ == "__main__":
    main()
