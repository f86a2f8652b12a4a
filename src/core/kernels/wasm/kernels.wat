;; Float32 WebAssembly SIMD kernels for the training step's hot loops: the NT GEMM that both
;; first-layer products reduce to, the transposed copy that feeds the weight-gradient GEMM,
;; and the flat-buffer loops (axpy for L2 and the SGD update, Σx²); at the end, the two passes
;; over the dataset's bytes that building it costs (byte-rows.ts). Not the reference: the
;; plain TypeScript kernels are, and test/core/kernels/simd-kernels.test.ts holds these to them.
;; Source of modules.generated.ts, which simd-kernels.ts instantiates: `npm run build:wasm`
;; assembles it twice, with MADD expanded to f32x4.add+f32x4.mul (plain SIMD, Node 20) and to
;; f32x4.relaxed_madd (relaxed SIMD). One file over 300 lines because it is one module and WAT
;; spells out every unrolled lane, load and store; splitting it would need a linker step.
;; Pointers are byte offsets into the imported memory; dimensions are element counts. The memory
;; is shared, so a run's helper threads can each compute a share of one call on it (team.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Σ_k pa[k]·pb[k] over len floats: four lanes, then a scalar tail.
  (func $dot (param $pa i32) (param $pb i32) (param $len i32) (result f32)
    (local $acc v128) (local $end i32) (local $s f32)
    (local.set $end (i32.add (local.get $pa) (i32.shl (i32.and (local.get $len) (i32.const -4)) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $pa) (local.get $end)))
      (local.set $acc (MADD (v128.load (local.get $pa)) (v128.load (local.get $pb)) (local.get $acc)))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
      (br $l)))
    (local.set $acc (f32x4.add (local.get $acc) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $acc) (local.get $acc))))
    (local.set $s (f32x4.extract_lane 0 (f32x4.add (local.get $acc) (i8x16.shuffle 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 (local.get $acc) (local.get $acc)))))
    (local.set $end (i32.add (local.get $pa) (i32.shl (i32.and (local.get $len) (i32.const 3)) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $pa) (local.get $end)))
      (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $pa)) (f32.load (local.get $pb)))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 4)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 4)))
      (br $l)))
    (local.get $s))

  ;; *p = v on the first K block, *p += v on later ones.
  (func $put (param $p i32) (param $v f32) (param $first i32)
    (if (local.get $first)
      (then (f32.store (local.get $p) (local.get $v)))
      (else (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (local.get $v))))))

  ;; Four outputs p, p+stride, p+2·stride, p+3·stride (bytes) from the lanes of v, one at a
  ;; time: gemm_nt's strided case (it stores contiguous ones, stride 4, as one vector itself).
  (func $put4 (param $p i32) (param $stride i32) (param $v v128) (param $first i32)
    (call $put (local.get $p) (f32x4.extract_lane 0 (local.get $v)) (local.get $first))
    (call $put (i32.add (local.get $p) (local.get $stride)) (f32x4.extract_lane 1 (local.get $v)) (local.get $first))
    (call $put (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1))) (f32x4.extract_lane 2 (local.get $v)) (local.get $first))
    (call $put (i32.add (local.get $p) (i32.mul (local.get $stride) (i32.const 3))) (f32x4.extract_lane 3 (local.get $v)) (local.get $first)))

  ;; C[i·rsc + j·csc] = Σ_k A[i·K + k]·B[j·K + k] for A (P, K), B (Q, K): both operands read
  ;; along their contiguous rows. K is cut into blocks of kc (a multiple of 4) so a block of
  ;; B's rows stays in cache while A's rows stream past it; each tile is 2 rows of A × 4 rows
  ;; of B, 8 vector accumulators (more spill on V8). Rows and columns beyond the tiles, and
  ;; the last K%4 products, go through $dot.
  (func (export "gemm_nt") (param $c i32) (param $a i32) (param $b i32) (param $P i32) (param $Q i32) (param $K i32)
        (param $rsc i32) (param $csc i32) (param $kc i32)
    (local $k0 i32) (local $klen i32) (local $first i32) (local $vbytes i32) (local $tail i32) (local $kb i32)
    (local $i i32) (local $j i32) (local $x i32) (local $cp i32) (local $jj i32)
    (local $pa0 i32) (local $pa1 i32) (local $pb0 i32) (local $pb1 i32) (local $pb2 i32) (local $pb3 i32)
    (local $va0 v128) (local $va1 v128) (local $vb v128)
    (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128)
    (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128)
    (local $r0 v128) (local $r1 v128) (local $ab v128) (local $cd v128)
    (local.set $kb (i32.shl (local.get $K) (i32.const 2)))
    (local.set $rsc (i32.shl (local.get $rsc) (i32.const 2)))
    (local.set $csc (i32.shl (local.get $csc) (i32.const 2)))
    (block $blocks_done (loop $blocks
      (br_if $blocks_done (i32.ge_s (local.get $k0) (local.get $K)))
      (local.set $klen (i32.sub (local.get $K) (local.get $k0)))
      (if (i32.gt_s (local.get $klen) (local.get $kc)) (then (local.set $klen (local.get $kc))))
      (local.set $first (i32.eqz (local.get $k0)))
      (local.set $vbytes (i32.shl (i32.and (local.get $klen) (i32.const -4)) (i32.const 2)))
      (local.set $tail (i32.and (local.get $klen) (i32.const 3)))
      (local.set $j (i32.const 0))
      (block $jq_done (loop $jq
        (br_if $jq_done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $Q)))
        (local.set $pb0 (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $K)) (local.get $k0)) (i32.const 2))))
        (local.set $pb1 (i32.add (local.get $pb0) (local.get $kb)))
        (local.set $pb2 (i32.add (local.get $pb1) (local.get $kb)))
        (local.set $pb3 (i32.add (local.get $pb2) (local.get $kb)))
        (local.set $i (i32.const 0))
        (block $ip_done (loop $ip
          (br_if $ip_done (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $P)))
          (local.set $pa0 (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $K)) (local.get $k0)) (i32.const 2))))
          (local.set $pa1 (i32.add (local.get $pa0) (local.get $kb)))
          (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
          (local.set $c02 (v128.const i32x4 0 0 0 0)) (local.set $c03 (v128.const i32x4 0 0 0 0))
          (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
          (local.set $c12 (v128.const i32x4 0 0 0 0)) (local.set $c13 (v128.const i32x4 0 0 0 0))
          (local.set $x (i32.const 0))
          (block $k_done (loop $k
            (br_if $k_done (i32.ge_u (local.get $x) (local.get $vbytes)))
            (local.set $va0 (v128.load (i32.add (local.get $pa0) (local.get $x))))
            (local.set $va1 (v128.load (i32.add (local.get $pa1) (local.get $x))))
            (local.set $vb (v128.load (i32.add (local.get $pb0) (local.get $x))))
            (local.set $c00 (MADD (local.get $va0) (local.get $vb) (local.get $c00)))
            (local.set $c10 (MADD (local.get $va1) (local.get $vb) (local.get $c10)))
            (local.set $vb (v128.load (i32.add (local.get $pb1) (local.get $x))))
            (local.set $c01 (MADD (local.get $va0) (local.get $vb) (local.get $c01)))
            (local.set $c11 (MADD (local.get $va1) (local.get $vb) (local.get $c11)))
            (local.set $vb (v128.load (i32.add (local.get $pb2) (local.get $x))))
            (local.set $c02 (MADD (local.get $va0) (local.get $vb) (local.get $c02)))
            (local.set $c12 (MADD (local.get $va1) (local.get $vb) (local.get $c12)))
            (local.set $vb (v128.load (i32.add (local.get $pb3) (local.get $x))))
            (local.set $c03 (MADD (local.get $va0) (local.get $vb) (local.get $c03)))
            (local.set $c13 (MADD (local.get $va1) (local.get $vb) (local.get $c13)))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (br $k)))
          ;; [Σc00, Σc01, Σc02, Σc03] and likewise row 1, written out here: V8 does not inline calls
          ;; between WebAssembly functions, and the calls per tile cost ~2% of an epoch (profile).
          (local.set $ab (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c00) (local.get $c01))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c00) (local.get $c01))))
          (local.set $cd (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c02) (local.get $c03))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c02) (local.get $c03))))
          (local.set $r0 (f32x4.add
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ab) (local.get $cd))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ab) (local.get $cd))))
          (local.set $ab (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c10) (local.get $c11))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c10) (local.get $c11))))
          (local.set $cd (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c12) (local.get $c13))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c12) (local.get $c13))))
          (local.set $r1 (f32x4.add
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ab) (local.get $cd))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ab) (local.get $cd))))
          ;; the block's last K%4 products: two broadcast A entries times the four B rows' entries
          (local.set $x (local.get $vbytes))
          (block $t_done (loop $t
            (br_if $t_done (i32.ge_u (local.get $x) (i32.add (local.get $vbytes) (i32.shl (local.get $tail) (i32.const 2)))))
            (local.set $vb (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1
              (v128.load32_splat (i32.add (local.get $pb0) (local.get $x)))
              (f32.load (i32.add (local.get $pb1) (local.get $x))))
              (f32.load (i32.add (local.get $pb2) (local.get $x))))
              (f32.load (i32.add (local.get $pb3) (local.get $x)))))
            (local.set $r0 (MADD (v128.load32_splat (i32.add (local.get $pa0) (local.get $x))) (local.get $vb) (local.get $r0)))
            (local.set $r1 (MADD (v128.load32_splat (i32.add (local.get $pa1) (local.get $x))) (local.get $vb) (local.get $r1)))
            (local.set $x (i32.add (local.get $x) (i32.const 4)))
            (br $t)))
          (local.set $cp (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $rsc)) (i32.mul (local.get $j) (local.get $csc)))))
          (if (i32.eq (local.get $csc) (i32.const 4))
            (then
              (if (i32.eqz (local.get $first)) (then
                (local.set $r0 (f32x4.add (v128.load (local.get $cp)) (local.get $r0)))
                (local.set $r1 (f32x4.add (v128.load (i32.add (local.get $cp) (local.get $rsc))) (local.get $r1)))))
              (v128.store (local.get $cp) (local.get $r0))
              (v128.store (i32.add (local.get $cp) (local.get $rsc)) (local.get $r1)))
            (else
              (call $put4 (local.get $cp) (local.get $csc) (local.get $r0) (local.get $first))
              (call $put4 (i32.add (local.get $cp) (local.get $rsc)) (local.get $csc) (local.get $r1) (local.get $first))))
          (local.set $i (i32.add (local.get $i) (i32.const 2)))
          (br $ip)))
        ;; an odd last row of A against these four rows of B
        (if (i32.lt_s (local.get $i) (local.get $P)) (then
          (local.set $pa0 (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $K)) (local.get $k0)) (i32.const 2))))
          (local.set $jj (i32.const 0))
          (block $jj_done (loop $jjl
            (br_if $jj_done (i32.ge_s (local.get $jj) (i32.const 4)))
            (call $put
              (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $rsc)) (i32.mul (i32.add (local.get $j) (local.get $jj)) (local.get $csc))))
              (call $dot (local.get $pa0) (i32.add (local.get $pb0) (i32.mul (local.get $jj) (local.get $kb))) (local.get $klen))
              (local.get $first))
            (local.set $jj (i32.add (local.get $jj) (i32.const 1)))
            (br $jjl)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $jq)))
      ;; the last Q%4 rows of B against every row of A
      (block $je_done (loop $je
        (br_if $je_done (i32.ge_s (local.get $j) (local.get $Q)))
        (local.set $pb0 (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $K)) (local.get $k0)) (i32.const 2))))
        (local.set $i (i32.const 0))
        (block $ie_done (loop $ie
          (br_if $ie_done (i32.ge_s (local.get $i) (local.get $P)))
          (call $put
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $rsc)) (i32.mul (local.get $j) (local.get $csc))))
            (call $dot (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $K)) (local.get $k0)) (i32.const 2))) (local.get $pb0) (local.get $klen))
            (local.get $first))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $ie)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $je)))
      (local.set $k0 (i32.add (local.get $k0) (local.get $kc)))
      (br $blocks))))

;; A training batch from bytes: N rows of D bytes at src (consecutive), x = (p − mean)·invStd
  ;; in f32 — the two roundings the dataset's own Float32 normalisation makes, so the batch is
  ;; bit-identical to its rows of x — written row-major to dst (N, D) and as pack16's 16-column
  ;; panels to panels: a quarter of the bytes a gather of x reads, and no second pass for the
  ;; weight-gradient GEMM. D must be a multiple of 16 (16 bytes become one panel row). Bytes are
  ;; 0..255, so the signed conversion (one instruction on x86, the unsigned one is several) is exact.
  ;; $rows is the whole batch's row count (the panels' stride): a thread that normalises rows
  ;; n0.. of it passes its own N and dst, panels and src advanced to row n0.
  (func (export "normalise_rows") (param $dst i32) (param $panels i32) (param $src i32) (param $mean i32) (param $inv i32) (param $N i32) (param $D i32) (param $rows i32)
    (local $n i32) (local $end i32) (local $pp i32) (local $pstride i32) (local $m i32) (local $v i32)
    (local $bytes v128) (local $lo v128) (local $hi v128) (local $x v128)
    (local.set $pstride (i32.shl (local.get $rows) (i32.const 6)))
    (block $n_done (loop $nl
      (br_if $n_done (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $end (i32.add (local.get $src) (local.get $D)))
      (local.set $pp (i32.add (local.get $panels) (i32.shl (local.get $n) (i32.const 6))))
      (local.set $m (local.get $mean))
      (local.set $v (local.get $inv))
      (block $j_done (loop $jl
        (br_if $j_done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $bytes (v128.load (local.get $src)))
        (local.set $lo (i16x8.extend_low_i8x16_u (local.get $bytes)))
        (local.set $hi (i16x8.extend_high_i8x16_u (local.get $bytes)))
        (local.set $x (f32x4.mul (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $lo)))
          (v128.load offset=0 (local.get $m))) (v128.load offset=0 (local.get $v))))
        (v128.store offset=0 (local.get $dst) (local.get $x))
        (v128.store offset=0 (local.get $pp) (local.get $x))
        (local.set $x (f32x4.mul (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $lo)))
          (v128.load offset=16 (local.get $m))) (v128.load offset=16 (local.get $v))))
        (v128.store offset=16 (local.get $dst) (local.get $x))
        (v128.store offset=16 (local.get $pp) (local.get $x))
        (local.set $x (f32x4.mul (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $hi)))
          (v128.load offset=32 (local.get $m))) (v128.load offset=32 (local.get $v))))
        (v128.store offset=32 (local.get $dst) (local.get $x))
        (v128.store offset=32 (local.get $pp) (local.get $x))
        (local.set $x (f32x4.mul (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $hi)))
          (v128.load offset=48 (local.get $m))) (v128.load offset=48 (local.get $v))))
        (v128.store offset=48 (local.get $dst) (local.get $x))
        (v128.store offset=48 (local.get $pp) (local.get $x))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
        (local.set $pp (i32.add (local.get $pp) (local.get $pstride)))
        (local.set $m (i32.add (local.get $m) (i32.const 64)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $jl)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $nl))))

;; Panels of 16 columns: dst[(j·N + n)·16 + c] = src[n·D + 16j + c] for the D/16 whole
  ;; panels (D%16 columns are left out; the caller falls back for such D). One panel of a
  ;; 100-row batch is 6.4 KB of consecutive cache lines, read by gemm_tn16 without strides.
  (func (export "pack16") (param $dst i32) (param $src i32) (param $N i32) (param $D i32)
    (local $j i32) (local $n i32) (local $s i32) (local $d i32) (local $panels i32)
    (local.set $panels (i32.shr_u (local.get $D) (i32.const 4)))
    (local.set $d (local.get $dst))
    (block $j_done (loop $jl
      (br_if $j_done (i32.ge_u (local.get $j) (local.get $panels)))
      (local.set $s (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 6))))
      (local.set $n (i32.const 0))
      (block $n_done (loop $nl
        (br_if $n_done (i32.ge_u (local.get $n) (local.get $N)))
        (v128.store offset=0 (local.get $d) (v128.load offset=0 (local.get $s)))
        (v128.store offset=16 (local.get $d) (v128.load offset=16 (local.get $s)))
        (v128.store offset=32 (local.get $d) (v128.load offset=32 (local.get $s)))
        (v128.store offset=48 (local.get $d) (v128.load offset=48 (local.get $s)))
        (local.set $d (i32.add (local.get $d) (i32.const 64)))
        (local.set $s (i32.add (local.get $s) (i32.shl (local.get $D) (i32.const 2))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $nl)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $jl))))

  ;; C[m·ldc + 16j + c] = Σ_n G[n·M + m]·XP[(j·N + n)·16 + c]: the weight gradient dSᵀ·X as
  ;; outer products, X packed by pack16. Tiles of 2 units × 16 inputs (8 accumulators); each
  ;; step broadcasts two entries of dS and reads one 64-byte line of the panel, so nothing is
  ;; reduced across lanes and C is written once with whole vectors.
  (func (export "gemm_tn16") (param $c i32) (param $g i32) (param $xp i32) (param $N i32) (param $M i32) (param $panels i32) (param $ldc i32)
    (local $j i32) (local $m i32) (local $px i32) (local $pg i32) (local $end i32) (local $pxb i32) (local $pc i32) (local $mb i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $g0 v128) (local $g1 v128)
    (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128)
    (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128)
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $mb (i32.shl (local.get $M) (i32.const 2)))
    (block $j_done (loop $jl
      (br_if $j_done (i32.ge_u (local.get $j) (local.get $panels)))
      (local.set $pxb (i32.add (local.get $xp) (i32.shl (i32.mul (local.get $j) (local.get $N)) (i32.const 6))))
      (local.set $end (i32.add (local.get $pxb) (i32.shl (local.get $N) (i32.const 6))))
      (local.set $m (i32.const 0))
      (block $m_done (loop $ml
        (br_if $m_done (i32.gt_u (i32.add (local.get $m) (i32.const 2)) (local.get $M)))
        (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
        (local.set $c02 (v128.const i32x4 0 0 0 0)) (local.set $c03 (v128.const i32x4 0 0 0 0))
        (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
        (local.set $c12 (v128.const i32x4 0 0 0 0)) (local.set $c13 (v128.const i32x4 0 0 0 0))
        (local.set $px (local.get $pxb))
        (local.set $pg (i32.add (local.get $g) (i32.shl (local.get $m) (i32.const 2))))
        (block $n_done (loop $nl
          (br_if $n_done (i32.ge_u (local.get $px) (local.get $end)))
          (local.set $x0 (v128.load offset=0 (local.get $px)))
          (local.set $x1 (v128.load offset=16 (local.get $px)))
          (local.set $x2 (v128.load offset=32 (local.get $px)))
          (local.set $x3 (v128.load offset=48 (local.get $px)))
          (local.set $g0 (v128.load32_splat offset=0 (local.get $pg)))
          (local.set $g1 (v128.load32_splat offset=4 (local.get $pg)))
          (local.set $c00 (MADD (local.get $g0) (local.get $x0) (local.get $c00)))
          (local.set $c01 (MADD (local.get $g0) (local.get $x1) (local.get $c01)))
          (local.set $c02 (MADD (local.get $g0) (local.get $x2) (local.get $c02)))
          (local.set $c03 (MADD (local.get $g0) (local.get $x3) (local.get $c03)))
          (local.set $c10 (MADD (local.get $g1) (local.get $x0) (local.get $c10)))
          (local.set $c11 (MADD (local.get $g1) (local.get $x1) (local.get $c11)))
          (local.set $c12 (MADD (local.get $g1) (local.get $x2) (local.get $c12)))
          (local.set $c13 (MADD (local.get $g1) (local.get $x3) (local.get $c13)))
          (local.set $px (i32.add (local.get $px) (i32.const 64)))
          (local.set $pg (i32.add (local.get $pg) (local.get $mb)))
          (br $nl)))
        (local.set $pc (i32.add (local.get $c) (i32.add (i32.mul (local.get $m) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 6)))))
        (v128.store offset=0 (local.get $pc) (local.get $c00))
        (v128.store offset=16 (local.get $pc) (local.get $c01))
        (v128.store offset=32 (local.get $pc) (local.get $c02))
        (v128.store offset=48 (local.get $pc) (local.get $c03))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
        (v128.store offset=0 (local.get $pc) (local.get $c10))
        (v128.store offset=16 (local.get $pc) (local.get $c11))
        (v128.store offset=32 (local.get $pc) (local.get $c12))
        (v128.store offset=48 (local.get $pc) (local.get $c13))
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (br $ml)))
      ;; an odd last unit
      (if (i32.lt_u (local.get $m) (local.get $M)) (then
        (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
        (local.set $c02 (v128.const i32x4 0 0 0 0)) (local.set $c03 (v128.const i32x4 0 0 0 0))
        (local.set $px (local.get $pxb))
        (local.set $pg (i32.add (local.get $g) (i32.shl (local.get $m) (i32.const 2))))
        (block $n_done (loop $nl
          (br_if $n_done (i32.ge_u (local.get $px) (local.get $end)))
          (local.set $g0 (v128.load32_splat (local.get $pg)))
          (local.set $c00 (MADD (local.get $g0) (v128.load offset=0 (local.get $px)) (local.get $c00)))
          (local.set $c01 (MADD (local.get $g0) (v128.load offset=16 (local.get $px)) (local.get $c01)))
          (local.set $c02 (MADD (local.get $g0) (v128.load offset=32 (local.get $px)) (local.get $c02)))
          (local.set $c03 (MADD (local.get $g0) (v128.load offset=48 (local.get $px)) (local.get $c03)))
          (local.set $px (i32.add (local.get $px) (i32.const 64)))
          (local.set $pg (i32.add (local.get $pg) (local.get $mb)))
          (br $nl)))
        (local.set $pc (i32.add (local.get $c) (i32.add (i32.mul (local.get $m) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 6)))))
        (v128.store offset=0 (local.get $pc) (local.get $c00))
        (v128.store offset=16 (local.get $pc) (local.get $c01))
        (v128.store offset=32 (local.get $pc) (local.get $c02))
        (v128.store offset=48 (local.get $pc) (local.get $c03))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $jl))))

  ;; dst (C, R) = src (R, C)ᵀ, in 4×4 blocks of shuffles; ragged edges one element at a time.
  (func (export "transpose") (param $dst i32) (param $src i32) (param $R i32) (param $C i32)
    (local $r i32) (local $c i32) (local $rb i32) (local $cb i32) (local $s i32) (local $d i32) (local $rr i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rb (i32.shl (local.get $R) (i32.const 2)))
    (local.set $cb (i32.shl (local.get $C) (i32.const 2)))
    (block $r_done (loop $rl
      (br_if $r_done (i32.gt_s (i32.add (local.get $r) (i32.const 4)) (local.get $R)))
      (local.set $c (i32.const 0))
      (block $c_done (loop $cl
        (br_if $c_done (i32.gt_s (i32.add (local.get $c) (i32.const 4)) (local.get $C)))
        (local.set $s (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $c)) (i32.const 2))))
        (local.set $v0 (v128.load (local.get $s)))
        (local.set $v1 (v128.load (i32.add (local.get $s) (local.get $cb))))
        (local.set $v2 (v128.load (i32.add (local.get $s) (i32.shl (local.get $cb) (i32.const 1)))))
        (local.set $v3 (v128.load (i32.add (local.get $s) (i32.mul (local.get $cb) (i32.const 3)))))
        (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
        (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
        (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
        (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
        (local.set $d (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $R)) (local.get $r)) (i32.const 2))))
        (v128.store (local.get $d) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
        (v128.store (i32.add (local.get $d) (local.get $rb)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
        (v128.store (i32.add (local.get $d) (i32.shl (local.get $rb) (i32.const 1))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
        (v128.store (i32.add (local.get $d) (i32.mul (local.get $rb) (i32.const 3))) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $cl)))
      (block $ce_done (loop $ce
        (br_if $ce_done (i32.ge_s (local.get $c) (local.get $C)))
        (local.set $rr (i32.const 0))
        (block $rr_done (loop $rrl
          (br_if $rr_done (i32.ge_s (local.get $rr) (i32.const 4)))
          (f32.store
            (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $R)) (i32.add (local.get $r) (local.get $rr))) (i32.const 2)))
            (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (i32.add (local.get $r) (local.get $rr)) (local.get $C)) (local.get $c)) (i32.const 2)))))
          (local.set $rr (i32.add (local.get $rr) (i32.const 1)))
          (br $rrl)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $ce)))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $rl)))
    (block $re_done (loop $re
      (br_if $re_done (i32.ge_s (local.get $r) (local.get $R)))
      (local.set $c (i32.const 0))
      (block $c2_done (loop $c2
        (br_if $c2_done (i32.ge_s (local.get $c) (local.get $C)))
        (f32.store
          (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $R)) (local.get $r)) (i32.const 2)))
          (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $c)) (i32.const 2)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $c2)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $re))))

;; Batch norm, training mode, over columns [m0, m1) of a (N, M) batch, four columns at a
  ;; time (the caller passes m1 − m0 a multiple of 4 and does the rest in TypeScript):
  ;; μ, σ² (biased), 1/√(σ² + ε), xhat = (s − μ)/√(σ² + ε), out = γ·xhat + β.
  (func (export "bn_forward_train") (param $out i32) (param $xhat i32) (param $mean i32) (param $var i32) (param $invstd i32)
        (param $inp i32) (param $gamma i32) (param $beta i32) (param $N i32) (param $M i32) (param $m1 i32) (param $eps f32)
    (local $m i32) (local $o i32) (local $end i32) (local $rb i32)
    (local $sum v128) (local $mu v128) (local $c v128) (local $inv v128) (local $g v128) (local $bt v128) (local $h v128) (local $vn v128)
    (local.set $rb (i32.shl (local.get $M) (i32.const 2)))
    (local.set $vn (f32x4.splat (f32.convert_i32_s (local.get $N))))
    (block $m_done (loop $ml
      (br_if $m_done (i32.ge_u (local.get $m) (local.get $m1)))
      (local.set $o (i32.shl (local.get $m) (i32.const 2)))
      (local.set $end (i32.add (local.get $o) (i32.mul (local.get $N) (local.get $rb))))
      (local.set $sum (v128.const i32x4 0 0 0 0))
      (block $d1 (loop $l1
        (br_if $d1 (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $sum (f32x4.add (local.get $sum) (v128.load (i32.add (local.get $inp) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (local.get $rb)))
        (br $l1)))
      (local.set $mu (f32x4.div (local.get $sum) (local.get $vn)))
      (local.set $o (i32.shl (local.get $m) (i32.const 2)))
      (local.set $sum (v128.const i32x4 0 0 0 0))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $c (f32x4.sub (v128.load (i32.add (local.get $inp) (local.get $o))) (local.get $mu)))
        (local.set $sum (MADD (local.get $c) (local.get $c) (local.get $sum)))
        (local.set $o (i32.add (local.get $o) (local.get $rb)))
        (br $l2)))
      (local.set $sum (f32x4.div (local.get $sum) (local.get $vn)))
      (local.set $inv (f32x4.div (f32x4.splat (f32.const 1)) (f32x4.sqrt (f32x4.add (local.get $sum) (f32x4.splat (local.get $eps))))))
      (local.set $o (i32.shl (local.get $m) (i32.const 2)))
      (v128.store (i32.add (local.get $mean) (local.get $o)) (local.get $mu))
      (v128.store (i32.add (local.get $var) (local.get $o)) (local.get $sum))
      (v128.store (i32.add (local.get $invstd) (local.get $o)) (local.get $inv))
      (local.set $g (v128.load (i32.add (local.get $gamma) (local.get $o))))
      (local.set $bt (v128.load (i32.add (local.get $beta) (local.get $o))))
      (block $d3 (loop $l3
        (br_if $d3 (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $h (f32x4.mul (f32x4.sub (v128.load (i32.add (local.get $inp) (local.get $o))) (local.get $mu)) (local.get $inv)))
        (v128.store (i32.add (local.get $xhat) (local.get $o)) (local.get $h))
        (v128.store (i32.add (local.get $out) (local.get $o)) (MADD (local.get $g) (local.get $h) (local.get $bt)))
        (local.set $o (i32.add (local.get $o) (local.get $rb)))
        (br $l3)))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br $ml))))

  ;; Batch norm backward over columns [0, m1), four at a time (as bn_forward_train):
  ;; dγ = Σ dOut·xhat, dβ = Σ dOut, dInp = γ/√(σ²+ε)·(dOut − mean(dOut) − xhat·mean(dOut·xhat)).
  (func (export "bn_backward") (param $dinp i32) (param $dgamma i32) (param $dbeta i32)
        (param $dout i32) (param $xhat i32) (param $invstd i32) (param $gamma i32) (param $N i32) (param $M i32) (param $m1 i32)
    (local $m i32) (local $o i32) (local $end i32) (local $rb i32)
    (local $sg v128) (local $sgx v128) (local $g v128) (local $k v128) (local $vn v128)
    (local.set $rb (i32.shl (local.get $M) (i32.const 2)))
    (local.set $vn (f32x4.splat (f32.convert_i32_s (local.get $N))))
    (block $m_done (loop $ml
      (br_if $m_done (i32.ge_u (local.get $m) (local.get $m1)))
      (local.set $o (i32.shl (local.get $m) (i32.const 2)))
      (local.set $end (i32.add (local.get $o) (i32.mul (local.get $N) (local.get $rb))))
      (local.set $sg (v128.const i32x4 0 0 0 0))
      (local.set $sgx (v128.const i32x4 0 0 0 0))
      (block $d1 (loop $l1
        (br_if $d1 (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $g (v128.load (i32.add (local.get $dout) (local.get $o))))
        (local.set $sg (f32x4.add (local.get $sg) (local.get $g)))
        (local.set $sgx (MADD (local.get $g) (v128.load (i32.add (local.get $xhat) (local.get $o))) (local.get $sgx)))
        (local.set $o (i32.add (local.get $o) (local.get $rb)))
        (br $l1)))
      (local.set $o (i32.shl (local.get $m) (i32.const 2)))
      (v128.store (i32.add (local.get $dgamma) (local.get $o)) (local.get $sgx))
      (v128.store (i32.add (local.get $dbeta) (local.get $o)) (local.get $sg))
      (local.set $k (f32x4.mul (v128.load (i32.add (local.get $gamma) (local.get $o))) (v128.load (i32.add (local.get $invstd) (local.get $o)))))
      (local.set $sg (f32x4.div (local.get $sg) (local.get $vn)))
      (local.set $sgx (f32x4.div (local.get $sgx) (local.get $vn)))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $dinp) (local.get $o))
          (f32x4.mul (local.get $k) (f32x4.sub
            (f32x4.sub (v128.load (i32.add (local.get $dout) (local.get $o))) (local.get $sg))
            (f32x4.mul (v128.load (i32.add (local.get $xhat) (local.get $o))) (local.get $sgx)))))
        (local.set $o (i32.add (local.get $o) (local.get $rb)))
        (br $l2)))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br $ml))))

;; out[n·M + m] += b[m] over a (N, M) batch (the bias of an affine layer), and
  ;; db[m] = Σ_n g[n·M + m] (its gradient), summed over n in order as the reference does:
  ;; four columns at a time, the last M%4 one by one.
  (func (export "add_rows") (param $out i32) (param $b i32) (param $N i32) (param $M i32)
    (local $n i32) (local $m i32) (local $m4 i32) (local $p i32)
    (local.set $m4 (i32.shl (i32.and (local.get $M) (i32.const -4)) (i32.const 2)))
    (local.set $M (i32.shl (local.get $M) (i32.const 2)))
    (block $n_done (loop $nl
      (br_if $n_done (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $m (i32.const 0))
      (block $v_done (loop $vl
        (br_if $v_done (i32.ge_u (local.get $m) (local.get $m4)))
        (local.set $p (i32.add (local.get $out) (local.get $m)))
        (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (v128.load (i32.add (local.get $b) (local.get $m)))))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (br $vl)))
      (block $s_done (loop $sl
        (br_if $s_done (i32.ge_u (local.get $m) (local.get $M)))
        (local.set $p (i32.add (local.get $out) (local.get $m)))
        (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (f32.load (i32.add (local.get $b) (local.get $m)))))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $sl)))
      (local.set $out (i32.add (local.get $out) (local.get $M)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $nl))))

  (func (export "sum_rows") (param $db i32) (param $g i32) (param $N i32) (param $M i32)
    (local $n i32) (local $m i32) (local $m4 i32)
    (local.set $m4 (i32.shl (i32.and (local.get $M) (i32.const -4)) (i32.const 2)))
    (local.set $M (i32.shl (local.get $M) (i32.const 2)))
    (block $z_done (loop $zl
      (br_if $z_done (i32.ge_u (local.get $m) (local.get $M)))
      (f32.store (i32.add (local.get $db) (local.get $m)) (f32.const 0))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br $zl)))
    (block $n_done (loop $nl
      (br_if $n_done (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $m (i32.const 0))
      (block $v_done (loop $vl
        (br_if $v_done (i32.ge_u (local.get $m) (local.get $m4)))
        (v128.store (i32.add (local.get $db) (local.get $m))
          (f32x4.add (v128.load (i32.add (local.get $db) (local.get $m))) (v128.load (i32.add (local.get $g) (local.get $m)))))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (br $vl)))
      (block $s_done (loop $sl
        (br_if $s_done (i32.ge_u (local.get $m) (local.get $M)))
        (f32.store (i32.add (local.get $db) (local.get $m))
          (f32.add (f32.load (i32.add (local.get $db) (local.get $m))) (f32.load (i32.add (local.get $g) (local.get $m)))))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $sl)))
      (local.set $g (i32.add (local.get $g) (local.get $M)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $nl))))

;; out = max(inp, 0) over n floats (n a multiple of 4; the caller does the rest).
  (func (export "relu_forward") (param $out i32) (param $inp i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
      (v128.store (local.get $out) (f32x4.max (v128.load (local.get $inp)) (v128.const i32x4 0 0 0 0)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (local.set $inp (i32.add (local.get $inp) (i32.const 16)))
      (br $l))))

  ;; dInp = dOut where out > 0, else 0, over n floats (n a multiple of 4); dInp may alias dOut.
  (func (export "relu_backward") (param $dinp i32) (param $dout i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dinp) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $dinp) (local.get $end)))
      (v128.store (local.get $dinp) (v128.and (v128.load (local.get $dout)) (f32x4.gt (v128.load (local.get $out)) (v128.const i32x4 0 0 0 0))))
      (local.set $dinp (i32.add (local.get $dinp) (i32.const 16)))
      (local.set $dout (i32.add (local.get $dout) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $l))))

  ;; y += α·x over n floats (the L2 term of the gradient, the SGD update).
  (func (export "axpy") (param $y i32) (param $x i32) (param $alpha f32) (param $n i32)
    (local $end i32) (local $va v128)
    (local.set $va (f32x4.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
      (v128.store (local.get $y) (MADD (local.get $va) (v128.load (local.get $x)) (v128.load (local.get $y))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
      (f32.store (local.get $y) (f32.add (f32.load (local.get $y)) (f32.mul (local.get $alpha) (f32.load (local.get $x)))))
      (local.set $y (i32.add (local.get $y) (i32.const 4)))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (br $l))))

;; The SGD step of a weight tensor with its L2 term over n floats, one pass: returns Σ W²
  ;; before the step (in double, as sumsq), dW ← dW + 2λ·W, W ← W − η·dW — the same lane
  ;; operations as sumsq, axpy(dW, W, 2λ) and axpy(W, dW, −η) one after another.
  (func (export "sgd_step_l2") (param $w i32) (param $dw i32) (param $eta f32) (param $lambda f32) (param $n i32) (result f64)
    (local $end i32) (local $v v128) (local $g v128) (local $lo v128) (local $hi v128) (local $acc v128)
    (local $ne v128) (local $tl v128) (local $s f64) (local $f f64) (local $x f32) (local $gs f32)
    (local.set $ne (f32x4.splat (f32.neg (local.get $eta))))
    (local.set $tl (f32x4.splat (f32.mul (f32.const 2) (local.get $lambda))))
    (local.set $end (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
      (local.set $v (v128.load (local.get $w)))
      (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
      (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
      (local.set $acc (f64x2.add (local.get $acc) (f64x2.add (f64x2.mul (local.get $lo) (local.get $lo)) (f64x2.mul (local.get $hi) (local.get $hi)))))
      (local.set $g (MADD (local.get $tl) (local.get $v) (v128.load (local.get $dw))))
      (v128.store (local.get $dw) (local.get $g))
      (v128.store (local.get $w) (MADD (local.get $ne) (local.get $g) (local.get $v)))
      (local.set $w (i32.add (local.get $w) (i32.const 16)))
      (local.set $dw (i32.add (local.get $dw) (i32.const 16)))
      (br $l)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
    (local.set $end (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
      (local.set $x (f32.load (local.get $w)))
      (local.set $f (f64.promote_f32 (local.get $x)))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $f) (local.get $f))))
      (local.set $gs (f32.add (f32.load (local.get $dw)) (f32.mul (f32.mul (f32.const 2) (local.get $lambda)) (local.get $x))))
      (f32.store (local.get $dw) (local.get $gs))
      (f32.store (local.get $w) (f32.add (local.get $x) (f32.mul (f32.neg (local.get $eta)) (local.get $gs))))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (local.set $dw (i32.add (local.get $dw) (i32.const 4)))
      (br $l)))
    (local.get $s))

  ;; Σ x² over n floats, accumulated in double (it is the L2 part of a reported cost).
  (func (export "sumsq") (param $x i32) (param $n i32) (result f64)
    (local $end i32) (local $v v128) (local $lo v128) (local $hi v128) (local $acc v128) (local $s f64) (local $f f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $v (v128.load (local.get $x)))
      (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
      (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
      (local.set $acc (f64x2.add (local.get $acc) (f64x2.add (f64x2.mul (local.get $lo) (local.get $lo)) (f64x2.mul (local.get $hi) (local.get $hi)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $f (f64.promote_f32 (f32.load (local.get $x))))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $f) (local.get $f))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (br $l)))
    (local.get $s))

  ;; Dataset preparation, once per run rather than per step (src/core/data/byte-rows.ts).
  ;; Per-feature Σp and Σp² of N rows of D bytes (D % 16 = 0), added into u32 accumulators:
  ;; exact integers while N·255² < 2^32, i.e. up to 66,052 rows per call.
  (func (export "byte_moments") (param $sum i32) (param $sumsq i32) (param $src i32) (param $N i32) (param $D i32)
    (local $end i32) (local $s i32) (local $q i32) (local $bytes v128) (local $h v128) (local $v v128)
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $N) (local.get $D))))
    (block $n_done (loop $nl
      (br_if $n_done (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $s (local.get $sum))
      (local.set $q (local.get $sumsq))
      (block $j_done (loop $jl
        (br_if $j_done (i32.ge_u (local.get $s) (i32.add (local.get $sum) (i32.shl (local.get $D) (i32.const 2)))))
        (local.set $bytes (v128.load (local.get $src)))
        (local.set $h (i16x8.extend_low_i8x16_u (local.get $bytes)))
        (local.set $v (i32x4.extend_low_i16x8_u (local.get $h)))
        (v128.store offset=0 (local.get $s) (i32x4.add (v128.load offset=0 (local.get $s)) (local.get $v)))
        (v128.store offset=0 (local.get $q) (i32x4.add (v128.load offset=0 (local.get $q)) (i32x4.mul (local.get $v) (local.get $v))))
        (local.set $v (i32x4.extend_high_i16x8_u (local.get $h)))
        (v128.store offset=16 (local.get $s) (i32x4.add (v128.load offset=16 (local.get $s)) (local.get $v)))
        (v128.store offset=16 (local.get $q) (i32x4.add (v128.load offset=16 (local.get $q)) (i32x4.mul (local.get $v) (local.get $v))))
        (local.set $h (i16x8.extend_high_i8x16_u (local.get $bytes)))
        (local.set $v (i32x4.extend_low_i16x8_u (local.get $h)))
        (v128.store offset=32 (local.get $s) (i32x4.add (v128.load offset=32 (local.get $s)) (local.get $v)))
        (v128.store offset=32 (local.get $q) (i32x4.add (v128.load offset=32 (local.get $q)) (i32x4.mul (local.get $v) (local.get $v))))
        (local.set $v (i32x4.extend_high_i16x8_u (local.get $h)))
        (v128.store offset=48 (local.get $s) (i32x4.add (v128.load offset=48 (local.get $s)) (local.get $v)))
        (v128.store offset=48 (local.get $q) (i32x4.add (v128.load offset=48 (local.get $q)) (i32x4.mul (local.get $v) (local.get $v))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 64)))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (br $jl)))
      (br $nl))))

  ;; dst (N, D) floats = f32(f32(p − mean[j]) · invStd[j]) of N rows of D bytes (D % 16 = 0):
  ;; the reference normalisation's two roundings, so the result is the same to the bit.
  (func (export "normalise_bytes") (param $dst i32) (param $src i32) (param $mean i32) (param $inv i32) (param $N i32) (param $D i32)
    (local $end i32) (local $rowEnd i32) (local $m i32) (local $v i32) (local $bytes v128) (local $lo v128) (local $hi v128)
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $N) (local.get $D))))
    (block $n_done (loop $nl
      (br_if $n_done (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $rowEnd (i32.add (local.get $src) (local.get $D)))
      (local.set $m (local.get $mean))
      (local.set $v (local.get $inv))
      (block $j_done (loop $jl
        (br_if $j_done (i32.ge_u (local.get $src) (local.get $rowEnd)))
        (local.set $bytes (v128.load (local.get $src)))
        (local.set $lo (i16x8.extend_low_i8x16_u (local.get $bytes)))
        (local.set $hi (i16x8.extend_high_i8x16_u (local.get $bytes)))
        (v128.store offset=0 (local.get $dst) (f32x4.mul (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $lo)))
          (v128.load offset=0 (local.get $m))) (v128.load offset=0 (local.get $v))))
        (v128.store offset=16 (local.get $dst) (f32x4.mul (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $lo)))
          (v128.load offset=16 (local.get $m))) (v128.load offset=16 (local.get $v))))
        (v128.store offset=32 (local.get $dst) (f32x4.mul (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $hi)))
          (v128.load offset=32 (local.get $m))) (v128.load offset=32 (local.get $v))))
        (v128.store offset=48 (local.get $dst) (f32x4.mul (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $hi)))
          (v128.load offset=48 (local.get $m))) (v128.load offset=48 (local.get $v))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
        (local.set $m (i32.add (local.get $m) (i32.const 64)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $jl)))
      (br $nl))))
)
