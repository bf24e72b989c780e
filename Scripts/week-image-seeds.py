#!/usr/bin/env python3
"""Writes the week-image fuzz target's seeds (Fuzz/Seeds/week-image/): the records of two week
images, after the key, for the fuzz client with every kind of task (binary, multi, probability,
scored), in WeekImage's format (little-endian 8-byte integers; a string or array is its count,
then its bytes). Rerun when the format changes: WeekImageTests.testTheFuzzSeedsAreImages fails
until then.

    Scripts/week-image-seeds.py Fuzz/Seeds/week-image
"""
import struct, os, sys
out=sys.argv[1]
def i(v): return struct.pack('<q', v)
def s(t): b=t.encode(); return i(len(b))+b
def ss(l): return i(len(l))+b''.join(s(x) for x in l)
def arr(fmt, vals): return i(len(vals))+b''.join(struct.pack('<'+fmt, v) for v in vals)
def flag(v): return i(1 if v else 0)
def matrix(rows): return arr('q',[c for r in rows for c in r])
def set_(name, rows, k, segments=(), segscores=None, scored=None, keyed=None, classscores=None, hist=None, source='predictions'):
    b=ss([name, name+'.csv', source, 'weeks/2026-W48/evaluations/x/'+name+'.csv'])+flag(False)+matrix(rows)
    b+=i(len(segments))
    for n,m in segments: b+=s(n)+matrix(m)
    b+=flag(segscores is not None)
    for p,n in (segscores or []): b+=arr('d',p)+arr('d',n)
    b+=flag(scored is not None)
    if scored: b+=arr('d',scored[0])+arr('d',scored[1])
    b+=flag(keyed is not None)
    if keyed:
        hashes,cells,scores=keyed
        b+=arr('Q',hashes)+arr('H',cells)
        if scores is None: b+=i(0)
        elif isinstance(scores[0],int): b+=i(1)+arr('I',scores)
        else: b+=i(2)+arr('d',scores)
    b+=flag(classscores is not None)
    if classscores:
        labels,scores,h=classscores
        b+=i(k)+arr('B',labels)+arr('d',scores)+flag(h is not None)
        if h is not None: b+=arr('Q',h)
    b+=flag(hist is not None)
    if hist: b+=arr('d',hist[0])+arr('q',hist[1])+arr('q',hist[2])
    return b
def task(id, classes, pos, sets): return s(id)+ss(classes)+i(pos)+i(len(sets))+b''.join(sets)
# cells: label<<8|pred; binary classes [ok, failure], positive 1
cells=[0<<8|0,0<<8|0,0<<8|1,1<<8|1,1<<8|0,0<<8|0,1<<8|1]
rows=[[3,1],[1,2]]
hashes=sorted([7,99,1234,5555,90000,123456789,2**63+5])
seed1=(task('binary',['ok','failure'],1,[set_('holdout',rows,2,keyed=(hashes,cells,[100000,250000,500000,900000,300000,1,999999]))])
 +task('multi',['a','b','c'],-1,[set_('holdout',[[2,0,0],[0,1,1],[0,0,1]],3,keyed=(sorted([3,4,5,6,8]),[0,1<<8|1,1<<8|2,2<<8|2,0],None))])
 +task('probability',['ok','failure'],1,[set_('holdout',rows,2,keyed=(hashes,cells,[0.1,0.25,0.5,0.9,0.3,1e-7,0.9999999]))])
 +task('scored',['a','b','c'],-1,[set_('holdout',[[1,0,0],[0,1,0],[0,0,1]],3,classscores=([0,1,2],[0.8,0.1,0.1,0.2,0.7,0.1,0.1,0.1,0.8],None))]))
seed2=(task('binary',['ok','failure'],1,[set_('holdout',rows,2,segments=[('north',[[1,1],[0,1]]),('south',[[2,0],[1,1]])],segscores=[([0.6],[0.1,0.4]),([0.3,0.7],[0.2,0.55])],scored=([0.3,0.6,0.7],[0.1,0.2,0.4,0.55]))])
 +task('multi',['a','b','c'],-1,[])
 +task('probability',['ok','failure'],1,[set_('holdout',[[40,10],[5,15]],2,hist=([0.0,0.25,0.5,0.75,1.0],[1,4,5,10],[20,15,10,5]),source='counts')])
 +task('scored',['a','b','c'],-1,[set_('holdout',[[1,0,0],[0,1,0],[0,0,1]],3,classscores=([0,1,2],[0.8,0.1,0.1,0.2,0.7,0.1,0.1,0.1,0.8],[1,2,3]))]))
os.makedirs(out,exist_ok=True)
open(out+'/ids','wb').write(seed1); open(out+'/no-ids','wb').write(seed2)
