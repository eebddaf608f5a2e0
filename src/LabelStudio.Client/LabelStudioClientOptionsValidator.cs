using Microsoft.Extensions.Options;

namespace LabelStudio.Client;

/// <summary>Validates <see cref="LabelStudioClientOptions"/> when they are first used (or at start).</summary>
internal sealed class LabelStudioClientOptionsValidator : IValidateOptions<LabelStudioClientOptions>
{
    public ValidateOptionsResult Validate(string? name, LabelStudioClientOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
