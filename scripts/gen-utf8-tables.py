# gen-utf8-tables.py: prints the width tables of src/core/utf8.c from the
# Unicode data in Python's unicodedata (run with the system python3 and
# paste the output over the tables when moving to a newer Unicode version).
import unicodedata as u

# Wide even where unassigned (EastAsianWidth.txt's default); the last two
# ranges are wide in glibc's wcwidth(), which ncurses uses to place the cursor.
WIDE = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
        (0x20000, 0x2FFFD), (0x30000, 0x3FFFD), (0x3248, 0x324F),
        (0x4DC0, 0x4DFF))

# Format characters that are drawn (Prepended_Concatenation_Mark).
VISIBLE_FORMAT = (0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD,
                  0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD)

def zero(cp):
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
        return True
    if cp == 0xAD or cp in VISIBLE_FORMAT:
        return False
    return u.category(chr(cp)) in ('Mn', 'Me', 'Cf')

def wide(cp):
    if zero(cp):
        return False
    if any(a <= cp <= b for a, b in WIDE):
        return True
    c = chr(cp)
    return u.category(c) != 'Cn' and u.east_asian_width(c) in ('W', 'F')

def ranges(pred):
    out, start = [], None
    for cp in range(0x110001):
        if cp <= 0x10FFFF and pred(cp):
            start = cp if start is None else start
        elif start is not None:
            out.append((start, cp - 1))
            start = None
    return out

def emit(name, rs):
    print('static const struct utf8_range utf8_%s[] = {' % name)
    line = '\t'
    for a, b in rs:
        item = '{0x%04X, 0x%04X}, ' % (a, b)
        if len(line.expandtabs(8)) + len(item.rstrip()) > 80:
            print(line.rstrip())
            line = '\t'
        line += item
    print(line.rstrip().rstrip(','))
    print('};')

print('/* Generated from Unicode %s. */' % u.unidata_version)
print('/* clang-format off */')
emit('zero', ranges(zero))
emit('wide', ranges(wide))
print('/* clang-format on */')
