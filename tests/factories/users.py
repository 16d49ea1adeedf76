import factory
from django.contrib.auth.models import Group, User

from idm.core.secretariat import EDITORS, VIEWERS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class _SecretariatFactory(UserFactory):
    """Staff in one of the secretariat groups; subclasses name the group."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True

    @factory.post_generation
    def secretariat_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=extracted or kwargs.get("name")))


class SecretariatEditorFactory(_SecretariatFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    secretariat_group__name = EDITORS


class SecretariatViewerFactory(_SecretariatFactory):
    username = factory.Sequence(lambda n: f"viewer{n}")
    secretariat_group__name = VIEWERS


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True
