#!/usr/bin/python3
"""The numpy implementation `npm run bench` compares Sweeplab with: the same k-layer network
(affine -> BN -> ReLU, softmax, cross-entropy + L2), batch 100, cyclical learning rate, BN
moving averages with alpha 0.9, written as fast as numpy goes: float32 throughout, every buffer
of a step allocated once and written with out=, the batch gathered into it, no dX for the
first layer (bench/numpy.ts adds one BLAS thread and a tuned malloc). It times epochs or runs whole trainings and prints one JSON object.
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
    """The network with every buffer of a training step allocated once: matmuls, reductions and
    element-wise ops write into them (out=), so a step allocates nothing and copies nothing
    beyond what its arithmetic needs. Evaluation allocates per 500-row chunk (one GEMM each)."""

    def __init__(self, hidden, bn, dtype, seed=12345, eps=1e-8, alpha=0.9, batch=100):
        rng = np.random.default_rng(seed)
        dims = [3072] + hidden + [10]
        self.bn, self.eps, self.alpha, self.dtype, self.N = bn, dtype(eps), alpha, dtype, batch
        self.W = [(rng.standard_normal((dims[i + 1], dims[i])) * np.sqrt(2 / dims[i])).astype(dtype) for i in range(len(dims) - 1)]
        self.b = [np.zeros(dims[i + 1], dtype) for i in range(len(dims) - 1)]
        self.gamma = [np.ones(m, dtype) for m in hidden]
        self.beta = [np.zeros(m, dtype) for m in hidden]
        self.mu_avg = [np.zeros(m, dtype) for m in hidden]
        self.var_avg = [np.ones(m, dtype) for m in hidden]
        self.first = True
        N = batch
        rows = lambda m: np.empty((N, m), dtype)
        vec = lambda m: np.empty(m, dtype)
        self.S = [rows(m) for m in dims[1:]]  # affine outputs; the logits last
        self.xhat = [rows(m) for m in hidden]
        self.A = [rows(m) for m in hidden]  # layer outputs after ReLU
        self.G = [rows(m) for m in dims[1:]]  # dCost/dS, then dCost/dA of the layer below
        self.T = [rows(m) for m in hidden]  # scratch of each layer's width
        self.mu, self.var, self.inv, self.dgamma, self.dbeta = ([vec(m) for m in hidden] for _ in range(5))
        self.dW = [np.empty_like(w) for w in self.W]
        self.db = [np.empty_like(b) for b in self.b]
        self.rowmax = np.empty((N, 1), dtype)
        self.X = np.empty((N, dims[0]), dtype)
        self.y = np.empty(N, np.int64)
        self.rows = np.arange(N)

    def forward_train(self, X):
        h = X
        K = len(self.W)
        for l in range(K - 1):
            S, A = self.S[l], self.A[l]
            np.matmul(h, self.W[l].T, out=S)
            S += self.b[l]
            if self.bn:
                mu, var, inv, xhat = self.mu[l], self.var[l], self.inv[l], self.xhat[l]
                np.mean(S, axis=0, out=mu)
                np.subtract(S, mu, out=xhat)
                np.multiply(xhat, xhat, out=A)
                np.mean(A, axis=0, out=var)
                a = 0.0 if self.first else self.alpha
                self.mu_avg[l] *= a
                self.mu_avg[l] += (1 - a) * mu
                self.var_avg[l] *= a
                self.var_avg[l] += (1 - a) * var
                np.add(var, self.eps, out=inv)
                np.sqrt(inv, out=inv)
                np.reciprocal(inv, out=inv)
                xhat *= inv
                np.multiply(xhat, self.gamma[l], out=A)
                A += self.beta[l]
                np.maximum(A, 0, out=A)
            else:
                np.maximum(S, 0, out=A)
            h = A
        np.matmul(h, self.W[-1].T, out=self.S[-1])
        self.S[-1] += self.b[-1]
        self.first = False
        return self.S[-1]

    def step(self, X, y, lam, eta):
        N, K = self.N, len(self.W)
        G = self.forward_train(X)  # the logits, turned into dCost/dlogits in place
        np.max(G, axis=1, keepdims=True, out=self.rowmax)
        G -= self.rowmax
        np.exp(G, out=G)
        np.sum(G, axis=1, keepdims=True, out=self.rowmax)
        G /= self.rowmax
        G[self.rows, y] -= 1
        G *= self.dtype(1 / N)
        for l in range(K - 1, -1, -1):
            if l < K - 1:
                A, T = self.A[l], self.T[l]
                np.sign(A, out=T)  # ReLU's derivative: A is 0 or positive
                G *= T
                if self.bn:
                    xhat, dgamma, dbeta = self.xhat[l], self.dgamma[l], self.dbeta[l]
                    np.multiply(G, xhat, out=T)
                    np.sum(T, axis=0, out=dgamma)
                    np.sum(G, axis=0, out=dbeta)
                    np.multiply(xhat, dgamma / N, out=T)
                    G -= T
                    G -= dbeta / N
                    G *= self.gamma[l] * self.inv[l]
                    dgamma *= eta
                    self.gamma[l] -= dgamma
                    dbeta *= eta
                    self.beta[l] -= dbeta
            h = X if l == 0 else self.A[l - 1]
            W, dW, db = self.W[l], self.dW[l], self.db[l]
            np.matmul(G.T, h, out=dW)
            np.sum(G, axis=0, out=db)
            if l > 0:
                np.matmul(G, W, out=self.G[l - 1])
            # W -= eta * (dW + 2 lam W), as (1 - 2 eta lam) W - eta dW: no temporary.
            W *= 1 - 2 * eta * lam
            dW *= eta
            W -= dW
            db *= eta
            self.b[l] -= db
            if l > 0:
                G = self.G[l - 1]

    def forward_eval(self, X):
        h = X
        K = len(self.W)
        for l in range(K - 1):
            s = h @ self.W[l].T
            s += self.b[l]
            if self.bn:
                s -= self.mu_avg[l]
                s *= (self.gamma[l] / np.sqrt(self.var_avg[l] + self.eps))
                s += self.beta[l]
            np.maximum(s, 0, out=s)
            h = s
        logits = h @ self.W[-1].T
        logits += self.b[-1]
        return logits

    def evaluate(self, X, y, lam, chunk=500):
        loss, correct = 0.0, 0
        for s in range(0, X.shape[0], chunk):
            logits = self.forward_eval(X[s:s + chunk])
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
        for i in range(steps_per_epoch):
            if records is not None and t % records == 0:
                curve.append((t, net.evaluate(X, y, lam), net.evaluate(val[0], val[1], lam)))
            # The batch's rows into the net's own buffers: 1.2 MB a step, not a shuffled copy of the set per epoch.
            rows = order[i * 100:(i + 1) * 100]
            np.take(X, rows, axis=0, out=net.X)
            np.take(y, rows, out=net.y)
            net.step(net.X, net.y, lam, cyclical_lr(t, n_s))
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
