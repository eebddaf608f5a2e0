using System.Net;
using System.Text;

namespace LabelStudio.Client.Tests.Infrastructure;

/// <summary>Canned responses, mostly from the copied API fixtures.</summary>
internal static class Responses
{
    public static string FixturePath(string name) => Path.Combine(LabelStudio.Testing.RepositoryPaths.TestData, "Client", "fixtures", name);

    public static string Fixture(string name) => File.ReadAllText(FixturePath(name));

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage FromFixture(string name, HttpStatusCode status = HttpStatusCode.OK) => Json(Fixture(name), status);

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status) { Content = new StringContent(string.Empty) };

    public static HttpResponseMessage Text(string text, HttpStatusCode status, string mediaType = "text/plain") =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };
}
