"""dl-53 in Keras: real-time augmentation of CIFAR-10-shaped images with Keras preprocessing layers
inside a tf.data pipeline that augments batches in parallel (num_parallel_calls) and prepares the next
batches while the model trains on the current one (prefetch).

    python3 python/augment_keras.py --quick

Needs tensorflow (pip install tensorflow-cpu); CIFAR-10 is replaced by a generated stand-in of the
same shape (python/cifar_standin.py). With real data: (x, y), _ = keras.datasets.cifar10.load_data().
"""
import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import tensorflow as tf
import keras
from keras import layers

from cifar_standin import CLASSES, SHAPE, make_standin

AUTOTUNE = tf.data.AUTOTUNE


def augmenter(seed=0):
    """Label-preserving transforms for natural images; random afresh for every image and every epoch."""
    return keras.Sequential(
        [
            layers.RandomFlip("horizontal", seed=seed),
            layers.RandomTranslation(0.1, 0.1, fill_mode="reflect", seed=seed + 1),
            layers.RandomRotation(0.04, fill_mode="reflect", seed=seed + 2),  # +-0.04 of a full turn, about 15 degrees
            layers.RandomContrast(0.2, seed=seed + 3),
        ],
        name="augment",
    )


def pipeline(images, labels, batch_size, augment, parallel_calls=AUTOTUNE, shuffle_seed=0):
    """Shuffle, batch, scale to [0, 1], augment (training only), and prefetch."""
    ds = tf.data.Dataset.from_tensor_slices((images, labels))
    ds = ds.shuffle(len(images), seed=shuffle_seed, reshuffle_each_iteration=True).batch(batch_size)
    ds = ds.map(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y), num_parallel_calls=parallel_calls)
    if augment is not None:
        # Contrast changes can leave [0, 1]; clip so that augmented and plain images share a range.
        ds = ds.map(lambda x, y: (tf.clip_by_value(augment(x, training=True), 0.0, 1.0), y), num_parallel_calls=parallel_calls)
    return ds.prefetch(AUTOTUNE)


def small_cnn():
    return keras.Sequential(
        [
            keras.Input(SHAPE),
            layers.Conv2D(16, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.GlobalAveragePooling2D(),
            layers.Dense(CLASSES),
        ]
    )


def seconds_per_pass(ds):
    start = time.perf_counter()
    for _ in ds:
        pass
    return time.perf_counter() - start


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2,000 images, 3 epochs")
    args = ap.parse_args(argv)
    n, epochs = (2000, 3) if args.quick else (20000, 10)
    keras.utils.set_random_seed(0)
    x_train, y_train = make_standin(n, seed=0)
    x_test, y_test = make_standin(n // 4, seed=1)
    print(f"tensorflow {tf.__version__}, keras {keras.__version__}")
    print(f"stand-in for CIFAR-10: train {x_train.shape} {x_train.dtype}, test {x_test.shape}")

    aug = augmenter()
    batch, labels = next(iter(pipeline(x_train, y_train, 64, aug)))
    print(f"augmented batch {tuple(batch.shape)} {batch.dtype.name}, values in "
          f"[{float(tf.reduce_min(batch)):.3f}, {float(tf.reduce_max(batch)):.3f}]")
    b1 = next(iter(pipeline(x_train[:64], y_train[:64], 64, aug, shuffle_seed=5)))[0]
    b2 = next(iter(pipeline(x_train[:64], y_train[:64], 64, aug, shuffle_seed=5)))[0]
    print(f"same images, two passes: mean |difference| {float(tf.reduce_mean(tf.abs(b1 - b2))):.4f} (fresh transforms each time)")

    serial = seconds_per_pass(pipeline(x_train, y_train, 64, aug, parallel_calls=None))
    parallel = seconds_per_pass(pipeline(x_train, y_train, 64, aug, parallel_calls=AUTOTUNE))
    print(f"one pass over the augmented data: {serial:.2f} s sequential map, {parallel:.2f} s with num_parallel_calls=AUTOTUNE "
          f"({os.cpu_count()} CPU cores)")

    model = small_cnn()
    # Keras warns that fit's shuffle flag is ignored for a tf.data input: the pipeline shuffles itself.
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    history = model.fit(pipeline(x_train, y_train, 64, aug), epochs=epochs, verbose=0)
    print("training loss per epoch: " + ", ".join(f"{v:.3f}" for v in history.history["loss"]))
    _, acc = model.evaluate(pipeline(x_test, y_test, 256, None), verbose=0)
    print(f"test accuracy on the stand-in (no augmentation at test time): {acc:.3f}")


if __name__ == "__main__":
    main()
