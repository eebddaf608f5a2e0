namespace LabelStudio.Client.Http;

/// <summary>Names the spec operation(s) a public method calls; read by the coverage test against endpoints.tsv.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
internal sealed class OperationAttribute(string operationId) : Attribute
{
    public string OperationId { get; } = operationId;
}
