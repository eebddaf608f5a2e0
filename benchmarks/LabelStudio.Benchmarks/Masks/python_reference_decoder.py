"""Times the official converter's brush RLE decoding strategy on the benchmark's 1920x1080 mask.

label_studio_sdk.converter.brush decodes in pure Python: it expands the RLE bytes into a string of
'0'/'1' characters, one bit at a time, then parses fields with int(slice, 2) and fills a NumPy uint8
array (reference/formats.md section 8). NumPy is not installed on the benchmark machine, so this
script reimplements that strategy (written here from the format description, not copied) with a
bytearray standing in for the NumPy output array; slice assignment on both runs at C speed, so the
bit-string work that dominates is the same.

Run: python3 benchmarks/LabelStudio.Benchmarks/Masks/python_reference_decoder.py
"""
import time

WIDTH, HEIGHT = 1920, 1080
DISCS = [(400, 300, 220), (900, 600, 300), (1500, 350, 180), (1650, 800, 240), (250, 850, 150)]


def synthetic_mask():
    """Same integer rules as SyntheticBrushMask.cs."""
    pixels = bytearray(WIDTH * HEIGHT)
    for y in range(HEIGHT):
        row = y * WIDTH
        for x in range(WIDTH):
            on = False
            for cx, cy, r in DISCS:
                dx, dy = x - cx, y - cy
                if dx * dx + dy * dy <= r * r:
                    on = True
                    break
            if 100 <= y < 160 and (x * 7 + y * 13) % 29 < 3:
                on = not on
            pixels[row + x] = 255 if on else 0
    return pixels


def encode_mask(mask):
    """Label Studio RLE of a mask with every pixel repeated in 4 channels (the official mask2rle rules)."""
    bits = [format(len(mask) * 4, "032b"), format(7, "05b"), "0010", "0011", "0111", "1111"]
    i, n = 0, len(mask)
    while i < n:
        j = i + 1
        while j < n and mask[j] == mask[i]:
            j += 1
        length, value = (j - i) * 4, format(mask[i], "08b")
        if length <= 8:
            bits.append("100" + format(length - 1, "03b") + value)
        elif length <= 16:
            bits.append("101" + format(length - 1, "04b") + value)
        elif length <= 256:
            bits.append("110" + format(length - 1, "08b") + value)
        else:
            while length > 65536:
                bits.append("111" + format(65535, "016b") + value)
                length -= 65536
            bits.append("111" + format(length - 1, "016b") + value)
        i = j
    text = "".join(bits)
    text += "0" * (8 - len(text) % 8)
    return [int(text[k:k + 8], 2) for k in range(0, len(text), 8)]


def decode_like_official(rle):
    """The official strategy: a bit string built bit by bit, fields parsed with int(..., 2)."""
    def bit(data, index):
        return (data[index // 8] >> (7 - index % 8)) & 1

    stream = "".join(str(bit(rle, k)) for k in range(len(rle) * 8))
    position = 0

    def read(size):
        nonlocal position
        field = stream[position:position + size]
        position += size
        return int(field, 2)

    count = read(32)
    word = read(5) + 1
    sizes = [read(4) + 1 for _ in range(4)]
    out = bytearray(count)
    i = 0
    while i < count:
        repeat = read(1)
        j = i + 1 + read(sizes[read(2)])
        if repeat:
            value = read(word)
            out[i:j] = bytes([value]) * (j - i)
            i = j
        else:
            while i < j:
                out[i] = read(word)
                i += 1
    return out


def main():
    mask = synthetic_mask()
    rle = encode_mask(mask)
    print(f"1920x1080 mask: {len(rle)} RLE bytes")
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        values = decode_like_official(rle)
        timings.append(time.perf_counter() - start)
    assert bytes(values[3::4]) == bytes(mask), "decoded alpha differs from the mask"
    print("decode (official strategy), seconds per run:", ", ".join(f"{t:.3f}" for t in timings))
    print(f"best: {min(timings) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
