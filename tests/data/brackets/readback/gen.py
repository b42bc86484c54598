import random, sys, re
# gen.py BASE_TEXT OUTPREFIX SEED: contributions made from the base's canonical text form
base = open(sys.argv[1]).read().split('\n')
pre, seed = sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
def paras(lines):
    # indexes of paragraph lines after the first heading
    first = next((i for i, l in enumerate(lines) if l.startswith('\t') and l.strip()), 0)
    return [i for i in range(first + 1, len(lines)) if lines[i] and not lines[i].startswith('\t')]
def split(l):
    if '\t' in l: lab, t = l.split('\t', 1); return lab + '\t', t
    return '', l
WORDS = ['all', 'relevant', 'stakeholders', 'shall', 'should', 'further', 'Member States', 'the ITU', 'notes']
def edit_words(lines, n):
    ps = paras(lines)
    for _ in range(n):
        i = rng.choice(ps); lab, t = split(lines[i]); w = t.split(' ')
        if len(w) < 3: continue
        k = rng.randrange(len(w)); op = rng.randrange(3)
        if op == 0: w[k] = rng.choice(WORDS)
        elif op == 1: w.insert(k, rng.choice(WORDS))
        else: del w[k]
        lines[i] = lab + ' '.join(w)
def add_para(lines, label):
    ps = paras(lines); i = rng.choice(ps)
    lines.insert(i + 1, (label + '\t' if label else '') + 'that a new paragraph %d is proposed;' % rng.randrange(1000))
def del_para(lines):
    ps = paras(lines); del lines[rng.choice(ps)]
def move_para(lines):
    ps = paras(lines)
    if len(ps) < 3: return
    a = rng.choice(ps); l = lines.pop(a); ps = paras(lines); lines.insert(rng.choice(ps) + 1, l)
def del_section(lines):
    hs = [i for i, l in enumerate(lines) if l.startswith('\t') and l.strip()]
    if len(hs) < 2: return
    h = rng.choice(hs[1:]); j = h + 1
    while j < len(lines) and lines[j] != '': j += 1
    del lines[h:j]
    if h < len(lines) and lines[h] == '' and h > 0 and lines[h-1] == '': del lines[h]
def write(name, lines): open(pre + name + '.txt', 'w').write('\n'.join(lines))
A = list(base); edit_words(A, 4); add_para(A, 'x)'); write('A', A)
B = list(base); edit_words(B, 3); del_para(B); move_para(B); write('B', B)
C = list(base); edit_words(C, 2); del_section(C); write('C', C)
# collide: the same word as A changed differently
D = list(base); ps = paras(D); i = ps[len(ps)//2]; lab, t = split(D[i]); w = t.split(' '); w[1] = 'really'; D[i] = lab + ' '.join(w)
E = list(base); lab, t = split(E[i]); w = t.split(' '); w[1] = 'truly'; E[i] = lab + ' '.join(w)
while E and E[-1] == '': E.pop()
E.append('z)\tthat a last paragraph is added at the end.'); E.append('')
write('D', D); write('E', E)
write('F', D)  # co-sponsor: the same as D
G = list(base); add_para(G, ''); edit_words(G, 5); write('G', G)
