using LabelStudio.Formats.Models;
using LabelStudio.MlBackend;
using LabelStudio.MlBackend.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:9090");
builder.Services.AddLabelStudioMlBackend<LengthModel>(options => options.DataDirectory = "ml-data");
var app = builder.Build();
app.MapLabelStudioMlBackend();
app.Run();

/// <summary>Labels short texts "Short" and long ones "Long" on the project's first Choices control.</summary>
internal sealed class LengthModel : LabelStudioMlBackend
{
    public override Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default)
    {
        var (choices, text) = request.GetLabelConfig().FindFirstPair("Choices", "Text")
            ?? throw new InvalidOperationException("This model needs a Choices control over a Text object.");
        return Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>>([.. request.Tasks.Select(task => (IReadOnlyList<Prediction>)
        [
            new Prediction
            {
                Score = 1.0,
                Results = [new Result
                {
                    FromName = choices.Name,
                    ToName = text.Name,
                    Type = ResultType.Choices,
                    Value = new ChoicesValue { Choices = [task.Data[text.DataKey!]?.ToString().Length > 40 ? "Long" : "Short"] },
                }],
            },
        ])]);
    }
}
