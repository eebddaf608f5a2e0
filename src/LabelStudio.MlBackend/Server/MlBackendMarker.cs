namespace LabelStudio.MlBackend.Server;

/// <summary>Registered by AddLabelStudioMlBackend so MapLabelStudioMlBackend can tell it was called.</summary>
internal sealed class MlBackendMarker(Type backendType)
{
    public Type BackendType { get; } = backendType;
}
