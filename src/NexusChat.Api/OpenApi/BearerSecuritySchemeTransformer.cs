using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NexusChat.Api.OpenApi;

/// <summary>Declares the bearer scheme so Scalar (and generated clients) can send the access token.</summary>
public sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken from /api/auth/login, /register or /refresh.",
        };
        return Task.CompletedTask;
    }
}
