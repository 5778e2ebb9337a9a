using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using LinkMatch.Api.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LinkMatch.Api.OpenApi;

/// <summary>Coded fields ([OneOf]) appear as enumerations in the document.</summary>
internal sealed class OneOfSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var oneOf = context.MemberInfo?.GetCustomAttribute<OneOfAttribute>()
            ?? context.ParameterInfo?.GetCustomAttribute<OneOfAttribute>();
        if (oneOf is not null && schema is OpenApiSchema concrete)
        {
            concrete.Enum = oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        }
    }
}

/// <summary>Query parameters bound from [AsParameters] records keep their C# names; clients see camelCase, which
/// binding accepts too. Coded query values appear as enumerations.</summary>
internal sealed class QueryParameterFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Parameters is null)
        {
            return;
        }

        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            var description = context.ApiDescription.ParameterDescriptions
                .FirstOrDefault(d => string.Equals(d.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            var member = (description?.ModelMetadata?.ContainerType?.GetProperty(description.ModelMetadata.PropertyName ?? ""))
                as MemberInfo;
            if (member?.GetCustomAttribute<OneOfAttribute>() is { } oneOf && parameter.Schema is OpenApiSchema schema)
            {
                schema.Enum = oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            }
        }
    }
}
