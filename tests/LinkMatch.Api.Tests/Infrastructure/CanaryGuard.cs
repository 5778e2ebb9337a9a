namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>A job seeker whose NIK must never be seen: every test seeds them into the shared service, and every
/// response any test receives is checked for the number (see <see cref="CanaryGuard"/>); the privacy tests also
/// search the service and database logs and every text column.</summary>
public static class Canary
{
    /// <summary>A valid NIK: Balikpapan Selatan (647101), a woman born 12 March 1999 (52 = 12 + 40), serial 0007.</summary>
    public const string Nik = "6471015203990007";

    public const string Phone = "+6281255501234";

    public const string Email = "canary.seeker@example.id";
}

/// <summary>Fails the request that carries the canary's NIK, phone or e-mail in a response body.</summary>
public sealed class CanaryGuard(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content is not null)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            foreach (var secret in new[] { Canary.Nik, Canary.Phone, Canary.Email })
            {
                if (body.Contains(secret, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"{request.Method} {request.RequestUri?.PathAndQuery} returned the canary seeker's personal data.");
                }
            }
        }

        return response;
    }
}
