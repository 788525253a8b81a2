"""Plotly figures of the SDE and ODE page (views/sde.py): pure functions of arrays, no
Streamlit here."""

from __future__ import annotations

import numpy as np

from ui import plot

SDE_C, ODE_C, DISC_C, SUM_C, VP_C, DDIM_C = "#1f77b4", "#ff7f0e", "#1f77b4", "#7f7f7f", \
    "#d62728", "#2ca02c"
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939")
LEGEND = dict(orientation="h", yanchor="top", y=-0.18, x=0)
MARGIN = dict(l=10, r=10, t=60, b=10)


def chain_figure(c: dict, title: str, disc: str, summed: str, vp: str, dlog: str,
                 x_title: str) -> plot.Figure:
    """Left: ᾱ_t of the chain, exp(−Σβ) and (linear schedules) the VP SDE's ᾱ(t/T) against
    t/T; right: log ᾱ_t − log of each continuous counterpart."""
    T = c["T"]
    tau = np.arange(T + 1) / T
    fig = plot.Figure(1, 2, subplot_titles=[title, dlog], horizontal_spacing=0.12)
    mode = "lines" if T > 60 else "lines+markers"
    fig.add_scatter(x=tau, y=c["ab"], name=disc, mode=mode, line=dict(color=DISC_C, width=3),
                    legendgroup="d", row=1, col=1)
    fig.add_scatter(x=tau, y=c["ab_sum"], name=summed, mode="lines",
                    line=dict(color=SUM_C, dash="dot"), legendgroup="s", row=1, col=1)
    with np.errstate(divide="ignore"):
        fig.add_scatter(x=tau, y=np.log(c["ab"]) - np.log(c["ab_sum"]), name=summed,
                        mode=mode, line=dict(color=SUM_C, dash="dot"), legendgroup="s",
                        showlegend=False, row=1, col=2)
        if c["vp"] is not None:
            fig.add_scatter(x=tau, y=c["vp"]["ab"], name=vp, mode="lines",
                            line=dict(color=VP_C, dash="dash"), legendgroup="v", row=1, col=1)
            fig.add_scatter(x=tau, y=np.log(c["ab"]) - np.log(c["vp"]["ab"]), name=vp,
                            mode=mode, line=dict(color=VP_C, dash="dash"), legendgroup="v",
                            showlegend=False, row=1, col=2)
    fig.update_xaxes(title_text=x_title)
    fig.update_layout(height=380, margin=MARGIN, legend=LEGEND, template="plotly_white")
    return fig


def paths_figure(P: dict, sde_title: str, ode_title: str, t_title: str, y_title: str,
                 start: str, end: str) -> plot.Figure:
    """The first coordinate of the first paths against t (running from 1 down to 0): the
    reverse SDE (left) and the PF-ODE (right), one colour per x_T."""
    fig = plot.Figure(1, 2, subplot_titles=[sde_title, ode_title], horizontal_spacing=0.08)
    for col, name in ((1, "sde"), (2, "ode")):
        ts, paths = P[name]["t"], P[name]["paths"]
        colours = [PALETTE[i % len(PALETTE)] for i in range(paths.shape[0])]
        for i in range(paths.shape[0]):
            fig.add_scatter(x=ts, y=paths[i, :, 0], mode="lines", showlegend=False,
                            line=dict(color=colours[i], width=1.4), hoverinfo="skip",
                            row=1, col=col)
        fig.add_scatter(x=np.full(paths.shape[0], ts[0]), y=paths[:, 0, 0], mode="markers",
                        name=start, showlegend=col == 1, legendgroup="start",
                        marker=dict(symbol="circle-open", size=9, color="black"), row=1, col=col)
        fig.add_scatter(x=np.full(paths.shape[0], ts[-1]), y=paths[:, -1, 0], mode="markers",
                        name=end, showlegend=col == 1, legendgroup="end",
                        marker=dict(size=8, color=colours, line=dict(color="black", width=1)),
                        row=1, col=col)
    fig.update_xaxes(range=[1.03, -0.03], title_text=t_title)
    fig.update_yaxes(range=[-3.2, 3.2])
    fig.update_yaxes(title_text=y_title, row=1, col=1)
    fig.update_layout(height=400, margin=MARGIN, legend=LEGEND, template="plotly_white")
    return fig


def marginal_figure(at: list[dict], dens: list[np.ndarray], lim: float, titles: list[str],
                    cloud: str) -> plot.Figure:
    """The exact density of q_t (contours) under the sampled cloud at that t, SDE | ODE."""
    fig = plot.Figure(1, 2, subplot_titles=titles, horizontal_spacing=0.06)
    n = dens[0].shape[0]
    ax = np.linspace(-lim, lim, n)
    for col, (a, d, colour) in enumerate(zip(at, dens, (SDE_C, ODE_C)), start=1):
        fig.add_trace(plot.trace("contour", x=ax, y=ax, z=d, showscale=False, ncontours=12,
                                 colorscale="Greys", contours_coloring="lines",
                                 line_width=1, hoverinfo="skip"), row=1, col=col)
        x = a["x"]
        fig.add_trace(plot.scattergl(x=x[:, 0], y=x[:, 1], mode="markers", name=cloud,
                                     showlegend=False, marker=dict(size=3, color=colour,
                                                                   opacity=0.55)),
                      row=1, col=col)
    fig.update_xaxes(range=[-lim, lim], constrain="domain")
    for k, axn in ((1, "x"), (2, "x2")):
        fig.update_yaxes(range=[-lim, lim], scaleanchor=axn, constrain="domain", row=1, col=k)
    fig.update_layout(height=400, margin=MARGIN, template="plotly_white")
    return fig


def likelihood_figure(exact: np.ndarray, got: np.ndarray, title: str, x_title: str,
                      y_title: str) -> plot.Figure:
    """ODE log-likelihood against the exact log density, per point, with the diagonal."""
    lo, hi = float(min(exact.min(), got.min())), float(max(exact.max(), got.max()))
    fig = plot.Figure()
    fig.add_scatter(x=[lo, hi], y=[lo, hi], mode="lines", showlegend=False,
                    line=dict(color="#999", dash="dash"), hoverinfo="skip")
    fig.add_scatter(x=exact, y=got, mode="markers", showlegend=False,
                    marker=dict(size=5, color=ODE_C))
    fig.update_layout(title=title, height=360, margin=MARGIN, template="plotly_white",
                      xaxis_title=x_title, yaxis_title=y_title)
    return fig


def error_figure(E: dict, names: dict, title: str, x_title: str, y_title: str) -> plot.Figure:
    """RMS endpoint error against ε-calls on log–log axes: Euler, Heun, DDIM η = 0."""
    steps = np.array(E["steps"])
    calls = {"euler": steps, "heun": 2 * steps - 1, "ddim": steps}
    colours = {"euler": SDE_C, "heun": ODE_C, "ddim": DDIM_C}
    fig = plot.Figure()
    for k in ("euler", "ddim", "heun"):
        fig.add_scatter(x=calls[k], y=np.array(E[k]), name=names[k], mode="lines+markers",
                        line=dict(color=colours[k]))
    fig.update_layout(title=title, height=420, margin=MARGIN,
                      legend=dict(LEGEND, y=-0.3), template="plotly_white",
                      xaxis=dict(title=x_title, type="log", exponentformat="power"),
                      yaxis=dict(title=y_title, type="log", exponentformat="power"))
    return fig
