#!/usr/bin/python3
"""The numpy implementation `npm run bench` compares Sweeplab with: the same k-layer network
(affine -> BN -> ReLU, softmax, cross-entropy + L2), batch 100, cyclical learning rate, BN
moving averages with alpha 0.9, written as a careful numpy user would (in-place updates, no
dX for the first layer). It times epochs or runs whole trainings and prints one JSON object.
Not a reference for correctness (src/core and its gradient check are); only for speed.

  numpy_reference.py --data DIR epoch --net bn3|nobn3|bn9 [--reps 3] [--dtype float32]
  numpy_reference.py --data DIR sweep --lambdas 1e-5,0.01429,... [--epochs 20]
"""
import argparse
import ctypes
import json
import os
import sys
import time

import numpy as np

NETS = {
    "bn3": ([50, 50], True),
    "nobn3": ([50, 50], False),
    "bn9": ([50, 30, 20, 20, 10, 10, 10, 10], True),
}


def load_cifar(folder, dtype):
    def read(name):
        raw = np.fromfile(os.path.join(folder, name), dtype=np.uint8).reshape(-1, 3073)
        return raw[:, 1:], raw[:, 0].astype(np.int64)

    parts = [read(f"data_batch_{i}.bin") for i in range(1, 6)]
    x = np.concatenate([p[0] for p in parts]).astype(dtype) / dtype(255)
    y = np.concatenate([p[1] for p in parts])
    xt, yt = read("test_batch.bin")
    xt = xt.astype(dtype) / dtype(255)
    xtr, ytr, xv, yv = x[:-5000], y[:-5000], x[-5000:], y[-5000:]
    mean, std = xtr.mean(axis=0), xtr.std(axis=0)
    norm = lambda a: np.ascontiguousarray((a - mean) / std, dtype=dtype)
    return (norm(xtr), ytr), (norm(xv), yv), (norm(xt), yt)


class Net:
    def __init__(self, hidden, bn, dtype, seed=12345, eps=1e-8, alpha=0.9):
        rng = np.random.default_rng(seed)
        dims = [3072] + hidden + [10]
        self.bn, self.eps, self.alpha, self.dtype = bn, eps, alpha, dtype
        self.W = [(rng.standard_normal((dims[i + 1], dims[i])) * np.sqrt(2 / dims[i])).astype(dtype) for i in range(len(dims) - 1)]
        self.b = [np.zeros(dims[i + 1], dtype) for i in range(len(dims) - 1)]
        self.gamma = [np.ones(m, dtype) for m in hidden]
        self.beta = [np.zeros(m, dtype) for m in hidden]
        self.mu_avg = [np.zeros(m, dtype) for m in hidden]
        self.var_avg = [np.ones(m, dtype) for m in hidden]
        self.first = True

    def forward(self, X, train):
        cache, h = [], X
        K = len(self.W)
        for l in range(K - 1):
            s = h @ self.W[l].T
            s += self.b[l]
            if self.bn:
                if train:
                    mu, var = s.mean(axis=0), s.var(axis=0)
                    a = 0.0 if self.first else self.alpha
                    self.mu_avg[l] = (a * self.mu_avg[l] + (1 - a) * mu).astype(self.dtype)
                    self.var_avg[l] = (a * self.var_avg[l] + (1 - a) * var).astype(self.dtype)
                else:
                    mu, var = self.mu_avg[l], self.var_avg[l]
                inv = 1 / np.sqrt(var + self.dtype(self.eps))
                xhat = (s - mu) * inv
                out = xhat * self.gamma[l] + self.beta[l]
            else:
                xhat = inv = None
                out = s
            np.maximum(out, 0, out=out)
            cache.append((h, xhat, inv, out))
            h = out
        logits = h @ self.W[-1].T
        logits += self.b[-1]
        if train:
            self.first = False
        return logits, cache, h

    def step(self, X, y, lam, eta):
        logits, cache, h_last = self.forward(X, True)
        N = X.shape[0]
        logits -= logits.max(axis=1, keepdims=True)
        P = np.exp(logits)
        P /= P.sum(axis=1, keepdims=True)
        P[np.arange(N), y] -= 1
        G = P / self.dtype(N)
        K = len(self.W)
        h_in = h_last
        for l in range(K - 1, -1, -1):
            if l < K - 1:
                h, xhat, inv, out = cache[l]
                G *= out > 0
                if self.bn:
                    dgamma, dbeta = (G * xhat).sum(axis=0), G.sum(axis=0)
                    G = (self.gamma[l] * inv) * (G - dbeta / N - xhat * (dgamma / N))
                    self.gamma[l] -= eta * dgamma
                    self.beta[l] -= eta * dbeta
                h_in = h
            dW = G.T @ h_in
            dW += (2 * lam) * self.W[l]
            db = G.sum(axis=0)
            if l > 0:
                G = G @ self.W[l]
            self.W[l] -= eta * dW
            self.b[l] -= eta * db
            if l > 0:
                h_in = cache[l - 1][3]

    def evaluate(self, X, y, lam, chunk=500):
        loss, correct = 0.0, 0
        for s in range(0, X.shape[0], chunk):
            logits, _, _ = self.forward(X[s:s + chunk], False)
            m = logits.max(axis=1, keepdims=True)
            lse = np.log(np.exp(logits - m).sum(axis=1)) + m[:, 0]
            yy = y[s:s + chunk]
            loss += float((lse - logits[np.arange(len(yy)), yy]).sum())
            correct += int((logits.argmax(axis=1) == yy).sum())
        loss /= X.shape[0]
        return {"cost": loss + lam * sum(float((w * w).sum()) for w in self.W), "loss": loss, "accuracy": correct / X.shape[0]}


def cyclical_lr(t, n_s, eta_min=1e-5, eta_max=1e-1):
    c = t % (2 * n_s)
    return eta_min + (eta_max - eta_min) * (c / n_s if c < n_s else 2 - c / n_s)


def run_epochs(net, train, epochs, lam, n_s, rng, on_epoch=None, records=None, val=None):
    X, y = train
    steps_per_epoch = X.shape[0] // 100
    t = 0
    curve = []
    for e in range(epochs):
        order = rng.permutation(X.shape[0])
        Xs, ys = X[order], y[order]
        for i in range(steps_per_epoch):
            if records is not None and t % records == 0:
                curve.append((t, net.evaluate(X, y, lam), net.evaluate(val[0], val[1], lam)))
            net.step(Xs[i * 100:(i + 1) * 100], ys[i * 100:(i + 1) * 100], lam, cyclical_lr(t, n_s))
            t += 1
        if on_epoch:
            on_epoch(e)
    if records is not None:
        curve.append((t, net.evaluate(X, y, lam), net.evaluate(val[0], val[1], lam)))
    return curve


def openblas_kernel():
    """The core OpenBLAS picked, asked of the library numpy loaded."""
    try:
        with open("/proc/self/maps") as f:
            libs = sorted({line.split()[-1] for line in f if "openblas" in line.lower() and ".so" in line})
        for path in libs:
            lib = ctypes.CDLL(path)
            for name in ("openblas_get_corename", "openblas_get_corename64_"):
                fn = getattr(lib, name, None)
                if fn:
                    fn.restype = ctypes.c_char_p
                    config = getattr(lib, "openblas_get_config", None) or getattr(lib, "openblas_get_config64_", None)
                    if config:
                        config.restype = ctypes.c_char_p
                    return {"core": fn().decode(), "config": config().decode() if config else None, "library": path}
    except OSError:
        pass
    return {"core": "unknown (not OpenBLAS?)", "config": None, "library": None}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    sub = p.add_subparsers(dest="mode", required=True)
    pe = sub.add_parser("epoch")
    pe.add_argument("--net", choices=NETS.keys(), default="bn3")
    pe.add_argument("--reps", type=int, default=3)
    ps = sub.add_parser("sweep")
    ps.add_argument("--lambdas", required=True)
    ps.add_argument("--epochs", type=int, default=20)
    args = p.parse_args()
    dtype = np.float32 if args.dtype == "float32" else np.float64
    train, val, test = load_cifar(args.data, dtype)
    info = {"numpy": np.__version__, "python": sys.version.split()[0], "blas": openblas_kernel(), "dtype": args.dtype}
    if args.mode == "epoch":
        hidden, bn = NETS[args.net]
        net = Net(hidden, bn, dtype)
        rng = np.random.default_rng(1)
        run_epochs(net, train, 1, 0.005, 2250, rng)  # warm-up
        times, cpu = [], []
        for _ in range(args.reps):
            t0, c0 = time.perf_counter(), time.process_time()
            run_epochs(net, train, 1, 0.005, 2250, rng)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        info.update({"net": args.net, "epochSeconds": times, "epochCpuSeconds": cpu})
    else:
        runs = []
        t_all = time.perf_counter()
        for lam in [float(v) for v in args.lambdas.split(",")]:
            t0 = time.perf_counter()
            net = Net([50, 50], True, dtype)
            curve = run_epochs(net, train, args.epochs, lam, 2250, np.random.default_rng(1), records=450, val=val)
            runs.append({"lambda": lam, "seconds": time.perf_counter() - t0, "val": curve[-1][2]["accuracy"],
                         "test": net.evaluate(test[0], test[1], lam)["accuracy"]})
        info.update({"runs": runs, "totalSeconds": time.perf_counter() - t_all})
    print(json.dumps(info))


if __name__ == "__main__":
    main()
