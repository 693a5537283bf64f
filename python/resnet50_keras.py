"""dl-58 in Keras, as the question sets it: ResNet-50 as a frozen feature extractor with a new head,
then fine-tuning of its last stage with a ten times smaller learning rate.

    python3 python/resnet50_keras.py --quick             # random weights, CIFAR-10-shaped stand-in
    python3 python/resnet50_keras.py --imagenet          # ImageNet weights (downloaded by Keras)

Needs tensorflow. ImageNet weights and CIFAR-10 cannot be downloaded on the machines that test this
site, so by default the base has random weights and the data are the generated stand-in of
python/cifar_standin.py: the run checks the recipe (what is frozen, what trains, that both phases
fit), not what transfer from ImageNet buys -- that is what the page's MNIST experiment measures.
"""
import argparse
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import numpy as np
from keras import layers

from cifar_standin import CLASSES, SHAPE, make_standin


def build(weights):
    base = keras.applications.ResNet50(weights=weights, include_top=False, input_shape=SHAPE, pooling="avg")
    base.trainable = False
    inputs = keras.Input(SHAPE)
    x = keras.applications.resnet50.preprocess_input(inputs * 255.0)  # the preprocessing the weights expect
    # training=False keeps batch norm in inference mode even after unfreezing: its statistics stay those
    # of the pre-training data, and a small new data set cannot disturb them.
    x = base(x, training=False)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(CLASSES)(x)
    return keras.Model(inputs, outputs), base


def trainable_count(model):
    return int(sum(np.prod(w.shape) for w in model.trainable_weights))


def compile_and_fit(model, data, lr, epochs):
    model.compile(optimizer=keras.optimizers.Adam(lr), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model.fit(*data, batch_size=64, epochs=epochs, verbose=0).history


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="512 images, one epoch per phase")
    ap.add_argument("--imagenet", action="store_true", help="start from ImageNet weights (needs a download)")
    args = ap.parse_args(argv)
    keras.utils.set_random_seed(0)
    n, epochs = (512, 1) if args.quick else (5000, 5)
    x, y = make_standin(n, seed=0)
    data = (x.astype("float32") / 255.0, y)
    model, base = build("imagenet" if args.imagenet else None)
    print(f"keras {keras.__version__}; ResNet50 base: {len(base.layers)} layers, {base.count_params()} parameters, "
          f"weights: {'ImageNet' if args.imagenet else 'random (offline run)'}")

    h = compile_and_fit(model, data, 1e-3, epochs)
    print(f"phase 1, base frozen: {trainable_count(model)} trainable parameters (the head); "
          f"loss {h['loss'][0]:.3f} -> {h['loss'][-1]:.3f}")

    base.trainable = True
    for layer in base.layers:  # unfreeze the last stage (conv5_*) only; batch norm layers stay frozen
        layer.trainable = layer.name.startswith("conv5_") and not isinstance(layer, layers.BatchNormalization)
    h = compile_and_fit(model, data, 1e-4, epochs)  # recompile so that the new trainable set takes effect
    print(f"phase 2, conv5 stage unfrozen: {trainable_count(model)} trainable parameters; "
          f"loss {h['loss'][0]:.3f} -> {h['loss'][-1]:.3f}")


if __name__ == "__main__":
    main()
