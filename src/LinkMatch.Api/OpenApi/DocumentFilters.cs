using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LinkMatch.Api.OpenApi;

/// <summary>Query parameters bound from [AsParameters] records keep their C# names; clients see camelCase, which
/// binding accepts too. (Their limits: <see cref="ParameterLimitsFilter"/>.)</summary>
internal sealed class QueryParameterFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query) ?? [])
        {
            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
        }
    }
}
