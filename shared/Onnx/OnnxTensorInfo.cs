using Microsoft.ML.OnnxRuntime.Tensors;

namespace Pipeline.Onnx;

/// <summary>A model input or output as the model declares it.</summary>
/// <param name="Name">The graph name (e.g. <c>input_ids</c>, <c>logits</c>).</param>
/// <param name="ElementType">The element type (e.g. <see cref="TensorElementType.Int64"/>).</param>
/// <param name="Shape">The dimensions; -1 for a dynamic one.</param>
/// <param name="SymbolicShape">The dimension names (e.g. <c>batch</c>, <c>seq</c>); empty strings for fixed ones.</param>
public sealed record OnnxTensorInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> SymbolicShape)
{
    /// <summary>"logits float [batch,1]".</summary>
    public override string ToString()
    {
        var dims = new string[Shape.Count];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = Shape[i] >= 0 ? Shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture)
                : SymbolicShape.Count > i && SymbolicShape[i].Length > 0 ? SymbolicShape[i] : "?";
        }
        return $"{Name} {ElementType.ToString().ToLowerInvariant()} [{string.Join(',', dims)}]";
    }
}
