using Microsoft.Extensions.Options;

namespace LinkMatch.Api.PersonalData;

public static class PersonalDataSetup
{
    public static IHostApplicationBuilder AddPersonalDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PersonalDataOptions>().BindConfiguration("PersonalData").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>();
        builder.Services.AddSingleton<PersonalDataProtector>();
        KeyRotation.Register(builder.Services);
        return builder;
    }
}
