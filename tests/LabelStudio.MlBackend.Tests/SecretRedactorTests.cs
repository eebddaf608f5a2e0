using System.Text.Json;
using LabelStudio.MlBackend.Logging;
using LabelStudio.Testing;

namespace LabelStudio.MlBackend.Tests;

public class SecretRedactorTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.TestData, "MlBackend", name));

    [Test]
    public void RedactJson_SetupRequestFromLabelStudio_HidesAccessTokenKeepsTheRest()
    {
        using var request = JsonDocument.Parse(Fixture("setup__ok__request.json"));
        var body = request.RootElement.GetProperty("body");
        var token = body.GetProperty("access_token").GetString()!;
        token.Should().NotBeNullOrEmpty("the fixture carries the token Label Studio sends to every backend");

        var redacted = RedactorOutput(body.GetRawText());

        redacted.Should().NotContain(token);
        using var parsed = JsonDocument.Parse(redacted);
        parsed.RootElement.GetProperty("access_token").GetString().Should().Be(SecretRedactor.Redacted);
        parsed.RootElement.GetProperty("project").GetString().Should().Be(body.GetProperty("project").GetString());
        parsed.RootElement.GetProperty("schema").GetString().Should().Be(body.GetProperty("schema").GetString());
    }

    [Test]
    public void RedactJson_PredictParamsAndContextCredentials_Hidden()
    {
        const string Body = """
            {"tasks": [{"id": 1, "data": {"text": "password in the text stays"}}],
             "params": {"login": "alice", "password": "s3cr3t",
                        "context": {"result": [], "project_credentials_login": "bob", "project_credentials_password": "hunter2"}}}
            """;

        var redacted = RedactorOutput(Body);

        redacted.Should().NotContain("alice").And.NotContain("s3cr3t").And.NotContain("bob").And.NotContain("hunter2");
        redacted.Should().Contain("password in the text stays", "only values of secret-named properties are hidden");
    }

    [Test]
    public void RedactJson_NotJson_EchoesNothing()
    {
        var redacted = SecretRedactor.RedactJson("access_token=abc123&password=x");

        redacted.Should().NotContain("abc123").And.NotContain("password=x");
    }

    [TestCase("Authorization", true)]
    [TestCase("authorization", true)]
    [TestCase("X-Api-Key", true)]
    [TestCase("Cookie", true)]
    [TestCase("Content-Type", false)]
    [TestCase("User-Agent", false)]
    public void IsSecretHeader_KnownHeaders_Classified(string name, bool secret)
    {
        SecretRedactor.IsSecretHeader(name).Should().Be(secret);
    }

    private static string RedactorOutput(string json) => SecretRedactor.RedactJson(json);
}
