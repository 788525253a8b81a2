"""ddpm_core — a small, exact DDPM engine (Ho et al. 2020) in PyTorch.

Time is the paper's t = 1..T; every schedule table has length T + 1 and entry 0
stands for x_0. Tables are float64; models run in float32 on `get_device()`.
SymPy derivations live in `ddpm_core.symbolic` (imported on first use).
"""

from .checkpoints import (
    Checkpoint,
    checkpoint_bytes,
    load_checkpoint,
    load_checkpoint_bytes,
    save_checkpoint,
)
from .data import MIXTURES, TOY_DATASETS, GaussianMixture2D, glyph_digits, mixture, toy_2d
from .device import get_device
from .forward import chain_noise, chain_path, q_sample, q_sample_chain, q_step
from .guidance import (
    GuidedEps,
    LabelledMixture,
    cfg_eps,
    classifier_guided_eps,
    labelled_mixture,
)
from .latent import (
    DIGIT_WORDS,
    LatentGuidedEps,
    LatentPipeline,
    PCAAutoencoder,
    build_pipeline,
    default_pipeline,
    encode_noisy,
    encode_text,
    eps_x_from_latent,
    fit_class_mixture,
    grad_x_from_latent,
    known_words,
    text_to_image,
)
from .metrics import compare_to_floor, mmd, sliced_wasserstein
from .models import MLP2D, TinyUNet, build_model
from .objectives import (
    VLBTerms,
    discretized_gaussian_log_likelihood,
    gaussian_kl,
    kl_constant,
    lambda_t,
    loss_simple,
    prior_kl,
    vlb_terms,
)
from .oracle import (
    OracleEps,
    loss_decomposition,
    loss_floor,
    marginal,
    optimal_eps,
    posterior_cov_x0,
    posterior_mean_x0,
    score,
)
from .posterior import posterior_mean_from_eps, predict_x0_from_eps, q_posterior
from .probability import (
    coin_posterior,
    gradient_estimators,
    gradient_variances,
    importance_sampling,
    is_weight_second_moment,
    iwae_bound,
    iwae_delta_bias,
    iwae_gap_exact,
    two_coin_likelihood_brute,
    two_coin_likelihood_factorised,
)
from .sampling import (
    ddim_sigma,
    ddim_step,
    ddpm_step,
    sample,
    sample_progressive,
    sample_sigmas,
    timesteps,
)
from .schedule import SCHEDULE_KINDS, Schedule, make_schedule
from .sde import (
    VPSDE,
    DiscreteEps,
    MixtureEps,
    ode_log_likelihood,
    sample_ode,
    sample_sde,
    score_from_eps,
)
from .training import EMA, TrainHistory, train
from .vae import (
    GaussianVAE,
    LinearGaussianVAE,
    VAEHistory,
    ddpm_gaussian_elbo,
    default_vae,
    gaussian_vae_elbo,
    train_vae,
)
from .variance import (
    analytic_variance_table,
    gamma_table,
    optimal_variance,
    per_x_variance,
    variance_bounds,
)


def __getattr__(name: str):
    if name == "symbolic":  # SymPy costs about a second to import: only on first use
        import importlib

        return importlib.import_module(".symbolic", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Checkpoint", "EMA", "GaussianMixture2D", "MIXTURES", "MLP2D", "OracleEps",
    "SCHEDULE_KINDS", "Schedule", "TOY_DATASETS", "TinyUNet", "TrainHistory", "VLBTerms",
    "build_model", "chain_noise", "chain_path", "checkpoint_bytes", "compare_to_floor",
    "ddim_sigma", "ddim_step", "ddpm_step",
    "discretized_gaussian_log_likelihood", "gaussian_kl", "get_device", "glyph_digits",
    "kl_constant", "lambda_t", "load_checkpoint", "load_checkpoint_bytes", "loss_decomposition",
    "loss_floor",
    "loss_simple", "make_schedule", "marginal", "mixture", "mmd", "optimal_eps",
    "posterior_mean_from_eps", "posterior_mean_x0", "predict_x0_from_eps", "prior_kl",
    "q_posterior", "q_sample", "q_sample_chain", "q_step", "sample", "sample_progressive",
    "sample_sigmas",
    "save_checkpoint", "score", "sliced_wasserstein", "timesteps", "toy_2d", "train", "vlb_terms",
    # beyond DDPM (FORMULAS.md §i)
    "analytic_variance_table", "gamma_table", "optimal_variance", "per_x_variance",
    "posterior_cov_x0", "variance_bounds",
    # (FORMULAS.md §l)
    "VPSDE", "DiscreteEps", "MixtureEps", "ode_log_likelihood", "sample_ode", "sample_sde",
    "score_from_eps",
    # (FORMULAS.md §m)
    "GuidedEps", "LabelledMixture", "cfg_eps", "classifier_guided_eps", "labelled_mixture",
    # probability background (FORMULAS.md §k)
    "coin_posterior", "gradient_estimators", "gradient_variances", "importance_sampling",
    "is_weight_second_moment", "iwae_bound", "iwae_delta_bias", "iwae_gap_exact",
    "two_coin_likelihood_brute", "two_coin_likelihood_factorised",
    # VAE vs diffusion, latent toy (FORMULAS.md §o, §p)
    "GaussianVAE", "LinearGaussianVAE", "VAEHistory", "ddpm_gaussian_elbo", "default_vae",
    "gaussian_vae_elbo", "train_vae",
    "DIGIT_WORDS", "LatentGuidedEps", "LatentPipeline", "PCAAutoencoder", "build_pipeline",
    "default_pipeline", "encode_noisy", "encode_text", "eps_x_from_latent", "fit_class_mixture",
    "grad_x_from_latent", "known_words", "text_to_image",
]

# masking diffusion (FORMULAS.md §n, §o o3)
from .masking import (  # noqa: E402
    JointTable,
    decode_mask_predict,
    decode_maskgit,
    mask_predict_counts,
    mask_survival,
    maskgit_schedule,
    q_mask,
    q_mask_posterior,
    small_table,
)

__all__ += ["JointTable", "decode_mask_predict", "decode_maskgit", "mask_predict_counts",
            "mask_survival", "maskgit_schedule", "q_mask", "q_mask_posterior", "small_table"]

# diffusion as autoregression over frequencies (FORMULAS.md §c per band)
from .spectrum import band_snr, radial_power_spectrum, snr_crossing  # noqa: E402

__all__ += ["band_snr", "radial_power_spectrum", "snr_crossing"]
