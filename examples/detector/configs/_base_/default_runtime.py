default_scope = "detkit"
# The runner imports these before building anything: detkit's registries (so that the
# scope "detkit" exists) and its hooks.
custom_imports = dict(
    imports=["detkit.registry", "detkit.engine.hooks"], allow_failed_imports=False
)

default_hooks = dict(
    timer=dict(type="IterTimerHook"),
    logger=dict(type="LoggerHook", interval=50),
    param_scheduler=dict(type="ParamSchedulerHook"),
    checkpoint=dict(type="CheckpointHook", interval=1),
    sampler_seed=dict(type="DistSamplerSeedHook"),
    visualization=dict(type="DetVisualizationHook"),
)

env_cfg = dict(
    cudnn_benchmark=False,
    mp_cfg=dict(mp_start_method="fork", opencv_num_threads=0),
    dist_cfg=dict(backend="nccl"),
)

log_level = "INFO"
load_from = None
resume = False
