#!/usr/bin/env python3
"""PyTorch CPU reference for `zerolog bench nn`.

The MetaLog network as in its public code: 2-layer bidirectional nn.GRU (batch_first), additive
"linear attention" with a learned guide vector and a length mask, Linear(2H -> 2), softmax, BCELoss
against 2-dim soft targets, Adam. One thread. Prints one JSON object on stdout.

Times are reported both as wall clock (perf_counter) and as process CPU time (process_time): on a
shared machine the CPU time is the stable measure of the work done. Each phase is timed in
`--repeats` blocks and the fastest block is reported (the least disturbed by other processes).
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class AttentionGRU(nn.Module):
    def __init__(self, input_size, hidden, layers):
        super().__init__()
        self.gru = nn.GRU(input_size, hidden, num_layers=layers, batch_first=True, bidirectional=True)
        d = 2 * hidden
        self.guide = nn.Parameter(torch.randn(d))
        bound = (6.0 / (2 * d + 1)) ** 0.5
        self.att_weight = nn.Parameter(torch.empty(2 * d).uniform_(-bound, bound))
        self.att_bias = nn.Parameter(torch.zeros(1))
        self.head = nn.Linear(d, 2)
        self.d = d

    def forward(self, x, mask):
        h, _ = self.gru(x)                                        # [B, T, 2H]
        c = torch.dot(self.att_weight[: self.d], self.guide) + self.att_bias
        s = torch.tanh(h.matmul(self.att_weight[self.d:]) + c)    # [B, T]
        s = s.masked_fill(mask == 0, float("-inf"))
        alpha = F.softmax(s, dim=1)
        r = torch.bmm(alpha.unsqueeze(1), h).squeeze(1)          # [B, 2H]
        return self.head(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--lengths", type=str, default="50,120")
    ap.add_argument("--input", type=int, default=300)
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--train-steps", type=int, default=5)
    ap.add_argument("--infer-steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=3, help="timed blocks per phase; the fastest is reported")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    results = []
    for T in [int(v) for v in a.lengths.split(",")]:
        model = AttentionGRU(a.input, a.hidden, a.layers)
        opt = torch.optim.Adam(model.parameters(), lr=2e-3)
        bce = nn.BCELoss()
        x = torch.randn(a.batch, T, a.input)
        mask = torch.ones(a.batch, T)
        y = torch.randint(0, 2, (a.batch,)).float()
        targets = torch.stack([1 - y, y], dim=1)

        def train_step():
            opt.zero_grad()
            probs = F.softmax(model(x, mask), dim=1)
            loss = bce(probs, targets)
            loss.backward()
            opt.step()
            return loss.item()

        model.train()
        for _ in range(a.warmup):
            train_step()
        train_s = train_cpu = float("inf")
        for _ in range(a.repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in range(a.train_steps):
                loss = train_step()
            train_s = min(train_s, time.perf_counter() - t0)
            train_cpu = min(train_cpu, time.process_time() - c0)

        model.eval()
        with torch.no_grad():
            for _ in range(a.warmup):
                model(x, mask)
            infer_s = infer_cpu = float("inf")
            for _ in range(a.repeats):
                t0, c0 = time.perf_counter(), time.process_time()
                for _ in range(a.infer_steps):
                    F.softmax(model(x, mask), dim=1)
                infer_s = min(infer_s, time.perf_counter() - t0)
                infer_cpu = min(infer_cpu, time.process_time() - c0)

        results.append({
            "length": T,
            "train_seconds": train_s,
            "train_sequences_per_second": a.batch * a.train_steps / train_s,
            "infer_seconds": infer_s,
            "infer_sequences_per_second": a.batch * a.infer_steps / infer_s,
            "train_cpu_seconds": train_cpu,
            "infer_cpu_seconds": infer_cpu,
            "final_loss": loss,
        })
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
