#!/usr/bin/python3
"""Derive cross-encoder head variants from tiny_bert_cross.onnx (logits [batch,1]) for the reranker's output tests.

Run from anywhere with Debian's interpreter (python3-onnx, python3-numpy):
    /usr/bin/python3 tests/Onnx.Tests/data/models/make_logit_variants.py

Let x be the base model's logits [batch,1]. Each variant keeps the whole base graph and appends nodes after it:

  tiny_bert_cross_2logits.onnx          logits [batch,2]       = concat(-x, x)       (softmax class 1 = sigmoid(2x))
  tiny_bert_cross_3logits.onnx          logits [batch,3]       = concat(-x, x, x)    (a shape no cross-encoder has)
  tiny_bert_cross_3logits_dynamic.onnx  logits [batch,classes] = tile(x, [1, 3*m])   (m = max(attention_mask) = 1 for
                                        any real batch: 3 columns at run time, a count that shape inference cannot
                                        see, so the model declares the dimension dynamic and only a run reveals it)

Small files: the weights are not copied. Every initializer of 1 KiB or more is stored as ONNX external data that
points at the byte range holding the same raw bytes inside tiny_bert_cross.onnx (location "tiny_bert_cross.onnx",
offset, length), so a variant only loads with tiny_bert_cross.onnx in the same folder. The ranges are found by
searching the base file for each tensor's exact bytes, and the script re-loads every variant and compares all its
initializers with the base model's before it finishes. Regenerating tiny_bert_cross.onnx means running this again.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "tiny_bert_cross.onnx"
EXTERNAL_MIN_BYTES = 1024


def variant(base_bytes, head):
    model = onnx.load_from_string(base_bytes)
    graph = model.graph
    (output,) = graph.output
    assert output.name == "logits", output.name
    producers = [n for n in graph.node if "logits" in n.output]
    assert len(producers) == 1
    producer = producers[0]
    producer.output[list(producer.output).index("logits")] = "relevance_logit"

    nodes = graph.node
    if head in ("2logits", "3logits"):
        nodes.append(helper.make_node("Neg", ["relevance_logit"], ["negated_logit"], name="head_neg"))
        parts = ["negated_logit"] + ["relevance_logit"] * (1 if head == "2logits" else 2)
        nodes.append(helper.make_node("Concat", parts, ["logits"], name="head_concat", axis=1))
        classes = 2 if head == "2logits" else 3
    else:
        graph.initializer.extend([
            numpy_helper.from_array(np.array(3, dtype=np.int64), "head.three"),
            numpy_helper.from_array(np.array([1], dtype=np.int64), "head.one"),
            numpy_helper.from_array(np.array([0], dtype=np.int64), "head.axis0"),
        ])
        nodes.append(helper.make_node("ReduceMax", ["attention_mask"], ["head_mask_max"], name="head_mask_max", keepdims=0))
        nodes.append(helper.make_node("Mul", ["head_mask_max", "head.three"], ["head_columns"], name="head_columns"))
        nodes.append(helper.make_node("Unsqueeze", ["head_columns", "head.axis0"], ["head_columns_1d"], name="head_columns_1d"))
        nodes.append(helper.make_node("Concat", ["head.one", "head_columns_1d"], ["head_repeats"], name="head_repeats", axis=0))
        nodes.append(helper.make_node("Tile", ["relevance_logit", "head_repeats"], ["logits"], name="head_tile"))
        classes = "classes"
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", classes]))

    for tensor in graph.initializer:
        if len(tensor.raw_data) < EXTERNAL_MIN_BYTES:
            continue
        offset = base_bytes.find(tensor.raw_data)
        assert offset >= 0, tensor.name
        onnx.external_data_helper.set_external_data(tensor, BASE, offset, len(tensor.raw_data))
        tensor.ClearField("raw_data")
    model.doc_string = f"derived from {BASE} by make_logit_variants.py; weights are external data in {BASE}"
    return model


def main():
    with open(os.path.join(HERE, BASE), "rb") as f:
        base_bytes = f.read()
    base = {t.name: numpy_helper.to_array(t) for t in onnx.load_from_string(base_bytes).graph.initializer}
    for head in ("2logits", "3logits", "3logits_dynamic"):
        model = variant(base_bytes, head)
        name = f"tiny_bert_cross_{head}.onnx"
        path = os.path.join(HERE, name)
        # Written directly: onnx.save_model would try to (re)write external data files.
        with open(path, "wb") as f:
            f.write(model.SerializeToString())
        onnx.checker.check_model(path)
        reloaded = onnx.load(path)  # resolves the external data against tiny_bert_cross.onnx
        weights = {t.name: numpy_helper.to_array(t) for t in reloaded.graph.initializer}
        assert base.keys() <= weights.keys(), name
        for key, value in base.items():
            assert value.dtype == weights[key].dtype and np.array_equal(value, weights[key]), (name, key)
        print(f"{name}: {os.path.getsize(path)} bytes, its {len(base)} weights equal to {BASE}'s")


if __name__ == "__main__":
    main()
