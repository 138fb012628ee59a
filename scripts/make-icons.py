#!/usr/bin/env python3
"""Draws the app icons (public/icons/icon-{192,512}.png and the maskable 512) from the shapes
of public/favicon.svg, with the standard library only (no Pillow): a 64-unit canvas sampled
4x4 per pixel. Run it again after changing the logo; the PNGs are committed."""
import struct
import sys
import zlib
from pathlib import Path

BLUE = (0x0B, 0x5C, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)
YELLOW = (0xF4, 0xB4, 0x00)


def in_polygon(x, y, pts):
    inside = False
    j = len(pts) - 1
    for i, (xi, yi) in enumerate(pts):
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def bezier(p0, p1, p2, p3, n=16):
    out = []
    for k in range(1, n + 1):
        t = k / n
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


CAP = [(14, 22), (32, 14), (50, 22), (32, 30)]
# M22 28 v10 c0 4 20 4 20 0 V28 l-10 4 z
BODY = [(22, 28), (22, 38)] + bezier((22, 38), (22, 42), (42, 42), (42, 38)) + [(42, 28), (32, 32)]


def colour_at(x, y, rounded):
    """The logo's colour at (x, y) in its 64-unit square; None outside the rounded corners."""
    if rounded:
        r = 14
        cx = min(max(x, r), 64 - r)
        cy = min(max(y, r), 64 - r)
        if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
            return None
    if 47 <= x <= 50 and 22 <= y <= 36:
        return YELLOW
    if in_polygon(x, y, CAP) or in_polygon(x, y, BODY):
        return WHITE
    return BLUE


def render(size, maskable):
    """RGBA rows. A maskable icon fills the square and keeps the logo in the middle 80 %."""
    scale, offset = (64 / (size * 0.8), -8.0) if maskable else (64 / size, 0.0)
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(4):
                for sx in range(4):
                    x = (px + (sx + 0.5) / 4) * scale + offset
                    y = (py + (sy + 0.5) / 4) * scale + offset
                    if maskable and not (0 <= x <= 64 and 0 <= y <= 64):
                        c = BLUE
                    else:
                        c = colour_at(x, y, rounded=not maskable)
                    if c is not None:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = acc[3] / 255
            row += bytes((int(acc[0] / n) if n else 0, int(acc[1] / n) if n else 0,
                          int(acc[2] / n) if n else 0, acc[3] // 16))
        rows.append(bytes(row))
    return rows


def png(size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "public/icons")
    out.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in [("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                 ("icon-maskable-512.png", 512, True)]:
        (out / name).write_bytes(png(size, render(size, maskable)))
        print(out / name)


if __name__ == "__main__":
    main()
