namespace LabelStudio.Formats.Models;

/// <summary>
/// Base of the typed <c>value</c> of a result. Members not modelled by the concrete type are kept in
/// <see cref="ExtensibleModel.AdditionalProperties"/> (for example the geometry a per-region classification
/// repeats).
/// </summary>
public abstract class ResultValue : ExtensibleModel
{
    // Only this library's value types: the serializer knows each of them.
    private protected ResultValue()
    {
    }
}
