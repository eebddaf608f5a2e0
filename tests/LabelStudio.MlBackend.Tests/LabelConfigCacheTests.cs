using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Models;
using LabelStudio.MlBackend.Contracts;

namespace LabelStudio.MlBackend.Tests;

[TestFixture]
public sealed class LabelConfigCacheTests
{
    private const string Config = """<View><Text name="text" value="$text"/><Choices name="c" toName="text"><Choice value="A"/></Choices></View>""";

    [Test]
    public void GetOrParse_SameXmlTwice_ParsesOnce()
    {
        var cache = new LabelConfigCache();

        // A different string instance with the same content: the cache is keyed by content, not by reference.
        var first = cache.GetOrParse(Config);
        var second = cache.GetOrParse(new StringBuilder(Config).ToString());

        second.Should().BeSameAs(first);
        cache.GetOrParse(Config.Replace("\"A\"", "\"B\"", StringComparison.Ordinal)).Should().NotBeSameAs(first);
    }

    [Test]
    public async Task Predict_SameConfigOnEveryCall_BackendSeesOneParsedInstance()
    {
        // Label Studio sends the whole config with every /predict: it must be parsed once per content, not per call.
        await using var server = await BackendServer<ConfigCapturingModel>.StartAsync();
        var body = $$$"""{"tasks": [{"id": 1, "data": {"text": "x"}}], "project": "2.1", "label_config": {{{System.Text.Json.JsonSerializer.Serialize(Config)}}}}""";
        for (var i = 0; i < 3; i++)
        {
            using var answer = await server.Client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            answer.EnsureSuccessStatusCode();
        }

        server.Backend.Seen.Should().HaveCount(3);
        server.Backend.Seen.Distinct().Should().ContainSingle();
    }

    internal sealed class ConfigCapturingModel : LabelStudioMlBackend
    {
        public List<LabelConfig> Seen { get; } = [];

        public override Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default)
        {
            lock (Seen)
            {
                Seen.Add(request.GetLabelConfig());
            }

            return Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>>([[]]);
        }
    }
}
