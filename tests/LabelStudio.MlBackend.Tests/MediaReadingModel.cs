using LabelStudio.Formats.Models;
using LabelStudio.MlBackend.Contracts;

namespace LabelStudio.MlBackend.Tests;

/// <summary>
/// A backend that reads each task's <c>data.doc</c> through the registered media resolver, as the README recommends,
/// and answers its text in a TextArea, so a test can see exactly which bytes reached the model.
/// </summary>
internal sealed class MediaReadingModel : LabelStudioMlBackend
{
    public override Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default) =>
        PredictEachTaskAsync(request, async (task, ct) =>
        {
            var reference = task.Data["doc"]!.GetValue<string>();
            var media = await request.OpenMediaAsync(task, reference, ct);
            await using (media)
            {
                using var reader = new StreamReader(media.Content);
                var text = await reader.ReadToEndAsync(ct);
                return (IReadOnlyList<Prediction>)[new Prediction
                {
                    Results = [new Result { FromName = "answer", ToName = "doc", Type = ResultType.TextArea, Value = new TextAreaValue { Text = [text] } }],
                }];
            }
        }, cancellationToken);
}
