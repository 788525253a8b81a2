"""Plotly figures for the training playground: the live loss curve, samples over data, digits."""

from __future__ import annotations

import numpy as np
import torch

from ui import plot

HEIGHT = 380


def loss_figure(steps, losses, *, floor: float | None, floor_label: str, loss_label: str,
                x_title: str, y_title: str, total_steps: int) -> plot.Figure:
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=list(steps), y=list(losses), mode="lines", name=loss_label,
                               line=dict(color="#1f77b4", width=2)))
    if floor is not None:
        fig.add_trace(plot.scatter(x=[0, total_steps], y=[floor, floor], mode="lines",
                                   name=floor_label, line=dict(color="#d62728", dash="dash")))
    ys = [v for v in losses if np.isfinite(v)] + ([floor] if floor is not None else [])
    top = max(ys) if ys else 1.0
    low = min(ys) if ys else 0.0
    fig.update_layout(height=HEIGHT, margin=dict(l=10, r=10, t=30, b=10),
                      xaxis=dict(title=x_title, range=[0, total_steps]),
                      yaxis=dict(title=y_title, type="log", exponentformat="power",
                                 range=[np.log10(max(low * 0.8, 1e-3)),
                                        np.log10(max(top * 1.1, 1e-3))]),
                      legend=dict(orientation="h", y=1.12, x=0))
    return fig


def samples_figure(data: torch.Tensor, samples: torch.Tensor, *, data_label: str,
                   sample_label: str, title: str) -> plot.Figure:
    d, s = data.numpy(), samples.numpy()
    fig = plot.Figure()
    fig.add_trace(plot.scattergl(x=d[:, 0], y=d[:, 1], mode="markers", name=data_label,
                                 marker=dict(size=3, color="rgba(150,150,150,0.35)")))
    fig.add_trace(plot.scattergl(x=s[:, 0], y=s[:, 1], mode="markers", name=sample_label,
                                 marker=dict(size=3, color="rgba(31,119,180,0.75)")))
    fig.update_layout(height=HEIGHT + 40, title=title, margin=dict(l=10, r=10, t=40, b=10),
                      xaxis=dict(range=[-3, 3], constrain="domain"),
                      yaxis=dict(range=[-3, 3], scaleanchor="x", scaleratio=1),
                      legend=dict(orientation="h", y=-0.08, x=0))
    return fig
