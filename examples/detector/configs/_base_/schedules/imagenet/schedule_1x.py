# ImageNet classification: 100 epochs, SGD, the learning rate divided by ten three times.
val_cfg = dict(type="ValLoop")
train_cfg = dict(type="EpochBasedTrainLoop", max_epochs=100, val_interval=1)
optim_wrapper = dict(
    type="OptimWrapper", optimizer=dict(type="SGD", lr=0.1, momentum=0.9, weight_decay=0.0001)
)
param_scheduler = dict(type="MultiStepLR", by_epoch=True, milestones=[30, 60, 90], gamma=0.1)
