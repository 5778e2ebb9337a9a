using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using LinkMatch.Api.Http;
using LinkMatch.Api.Vacancies;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LinkMatch.Api.OpenApi;

/// <summary>The limits LinkMatch's own validation attributes enforce, written into the schemas they apply to:
/// an id (<see cref="IdAttribute"/>) is 1 to 2^63-1, a list's texts (<see cref="EachItemAttribute"/>) carry their
/// length and pattern on the list's items, a coded list (<see cref="OneOfAttribute"/>) its codes on its items.
/// DataAnnotations (StringLength, Range, RegularExpression, MaxLength) Swashbuckle writes by itself.</summary>
internal sealed class LimitSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete)
        {
            Limits.Apply(concrete, context.MemberInfo, context.ParameterInfo);
        }
    }
}

/// <summary>Limits of parameters: query parameters bound from [AsParameters] records (read from the record's
/// property), path ids (no object has an id below 1, so such a path names nothing: 404) and the Idempotency-Key
/// header; the CSV import's body size.</summary>
internal sealed class ParameterLimitsFilter(IOptions<LimitOptions> limits) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Schema is not OpenApiSchema schema)
            {
                continue;
            }

            var description = context.ApiDescription.ParameterDescriptions
                .FirstOrDefault(d => string.Equals(d.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            switch (parameter.In)
            {
                case ParameterLocation.Query:
                    var member = description?.ModelMetadata?.ContainerType?.GetProperty(description.ModelMetadata.PropertyName ?? "");
                    Limits.Apply(schema, member, parameter: null);
                    break;
                case ParameterLocation.Path when description?.RouteInfo?.Constraints?.Any(c => c is LongRouteConstraint) == true:
                    Limits.Id(schema);
                    parameter.Description ??= "An id; a path with an id outside 1 to 9223372036854775807 names nothing (404).";
                    break;
                case ParameterLocation.Path when description?.RouteInfo?.Constraints?.Any(c => c is IntRouteConstraint) == true:
                    schema.Minimum = "1";
                    schema.Maximum = int.MaxValue.ToString(CultureInfo.InvariantCulture);
                    break;
                case ParameterLocation.Header when parameter.Name == IdempotencyKeys.HeaderName:
                    schema.MinLength = 1;
                    schema.MaxLength = IdempotencyKeys.MaxLength;
                    schema.Pattern = IdempotencyKeys.Pattern;
                    parameter.Description ??= "1 to 200 visible ASCII characters (a UUID, say); anything else is 400.";
                    break;
            }
        }

        if (operation.RequestBody?.Content is { } content && content.TryGetValue("text/csv", out var csv)
            && csv.Schema is OpenApiSchema body)
        {
            body.MaxLength = (int)Math.Min(int.MaxValue, limits.Value.MaxImportBodyBytes);
            body.Description = $"A CSV file of at most {limits.Value.MaxImportBodyBytes} bytes; a larger one is 413.";
        }
    }
}

internal static class Limits
{
    public static void Apply(OpenApiSchema schema, MemberInfo? member, ParameterInfo? parameter)
    {
        var attributes = (member?.GetCustomAttributes(inherit: true) ?? []).Concat(parameter?.GetCustomAttributes(inherit: true) ?? []).ToList();
        if (attributes.OfType<IdAttribute>().Any())
        {
            Id(schema);
        }

        var items = schema.Items as OpenApiSchema;
        if (attributes.OfType<EachItemAttribute>().FirstOrDefault() is { } each && items is not null)
        {
            items.MaxLength = each.MaxLength;
            items.Pattern = each.Pattern;
        }

        if (attributes.OfType<OneOfAttribute>().FirstOrDefault() is { } oneOf)
        {
            var target = items ?? schema;
            target.Enum = oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            if (items is not null)
            {
                schema.Enum = null;
            }
        }
    }

    public static void Id(OpenApiSchema schema)
    {
        schema.Minimum = "1";
        schema.Maximum = long.MaxValue.ToString(CultureInfo.InvariantCulture);
    }
}
