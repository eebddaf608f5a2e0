using System.Text;
using System.Text.Json;
using LabelStudio.MlBackend.Security;
using LabelStudio.Testing;

namespace LabelStudio.MlBackend.Tests;

public class BasicAuthenticatorTests
{
    [Test]
    public void IsAuthorized_HeaderRecordedFromLabelStudio_Accepted()
    {
        // The fixture holds the request Label Studio sent to a backend configured with these credentials.
        using var request = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.TestData, "MlBackend", "health__basic_auth_ok__request.json")));
        var credentials = request.RootElement.GetProperty("backend_basic_auth");
        var header = request.RootElement.GetProperty("headers").GetProperty("Authorization").GetString();
        var authenticator = new BasicAuthenticator(credentials.GetProperty("user").GetString()!, credentials.GetProperty("pass").GetString()!);

        authenticator.IsAuthorized(header).Should().BeTrue();
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Basic")]
    [TestCase("Basic !!!not-base64!!!")]
    [TestCase("Bearer bWx1c2VyOm1scGFzcw==")]
    public void IsAuthorized_MissingOrMalformedHeader_Refused(string? header)
    {
        new BasicAuthenticator("mluser", "mlpass").IsAuthorized(header).Should().BeFalse();
    }

    [TestCase("mluser", "wrong")]
    [TestCase("wrong", "mlpass")]
    [TestCase("mluser", "mlpass ")]
    [TestCase("mluser", "mlpas")]
    [TestCase("MLUSER", "mlpass")]
    [TestCase("mluser:mlpass", "")]
    public void IsAuthorized_WrongCredentials_Refused(string user, string password)
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

        new BasicAuthenticator("mluser", "mlpass").IsAuthorized(header).Should().BeFalse();
    }

    [Test]
    public void IsAuthorized_PasswordContainingColonAndSchemeInLowerCase_Accepted()
    {
        // Only the first colon separates user from password (RFC 7617); the scheme name is case-insensitive.
        var header = "basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pa:ss"));

        new BasicAuthenticator("user", "pa:ss").IsAuthorized(header).Should().BeTrue();
    }

    [Test]
    public void IsAuthorized_NoColonInCredentials_Refused()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("mlusermlpass"));

        new BasicAuthenticator("mluser", "mlpass").IsAuthorized(header).Should().BeFalse();
    }
}
